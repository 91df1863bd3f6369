package io.github.smartonkeycloak.core.launch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class ContextFieldTest {

    @Test
    void everyFieldOfAFullContextIsAContextClaimAndBack() {
        LaunchContext full = new LaunchContext("p1", "e1", List.of(FhirContextItem.ofReference("Location/l1")), true,
                "https://ehr.example/style.json", "reconcile-medications", "t1");

        assertThat(full.asJsonFields().keySet()).containsExactlyElementsOf(ContextField.claimNames());
        assertThat(LaunchContext.fromJsonFields(full.asJsonFields())).isEqualTo(full);
    }

    @Test
    void otherClaimsAreNotContext() {
        assertThat(ContextField.isContextClaim("patient")).isTrue();
        assertThat(ContextField.isContextClaim("fhirUser")).isFalse();
        assertThat(ContextField.isContextClaim("scope")).isFalse();
    }
}
