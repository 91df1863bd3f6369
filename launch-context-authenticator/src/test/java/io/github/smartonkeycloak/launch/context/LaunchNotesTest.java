package io.github.smartonkeycloak.launch.context;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LaunchNotesTest {

    @Test
    void eachCodeChallengeHasItsOwnNote() {
        String first = LaunchNotes.noteName("challenge-one");
        String second = LaunchNotes.noteName("challenge-two");

        assertThat(first).startsWith("client_request_param_smart_launch_context_").isNotEqualTo(second);
        assertThat(LaunchNotes.noteName("challenge-one")).isEqualTo(first);
        assertThat(LaunchNotes.noteName(null)).isEqualTo("client_request_param_smart_launch_context");
    }
}
