package io.github.smartonkeycloak.capability;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SmartCapabilityTest {

    @Test
    void knowsEveryCapabilityOfSmartAppLaunch22() {
        assertThat(SmartCapability.ALL).hasSize(20);
        assertThat(SmartCapability.isKnown("context-ehr-encounter")).isTrue();
        assertThat(SmartCapability.isKnown("smart-app-state")).isTrue();
    }

    @Test
    void rejectsNamesThatAreNotSmartCapabilities() {
        assertThat(SmartCapability.isKnown("launch-ehr ")).isFalse();
        assertThat(SmartCapability.isKnown("permission-v3")).isFalse();
        assertThat(SmartCapability.isKnown("")).isFalse();
    }
}
