package io.github.smartonkeycloak.core.consent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class RequestedScopesTest {

    @Test
    void resourceScopesAreReplacedAndEverythingElseStaysInOrder() {
        String request = "launch/patient openid patient/*.rs fhirUser patient/Observation.read offline_access";

        assertThat(RequestedScopes.withResourceScopes(request, List.of("patient/Patient.rs", "patient/Condition.rs")))
                .isEqualTo("launch/patient openid fhirUser offline_access patient/Patient.rs patient/Condition.rs");
        assertThat(RequestedScopes.withResourceScopes(request, List.of()))
                .isEqualTo("launch/patient openid fhirUser offline_access");
    }

    @Test
    void blanksAndRepeatsAreIgnored() {
        assertThat(RequestedScopes.withResourceScopes("  openid   openid fhirUser patient/*.rs ", List.of()))
                .isEqualTo("openid fhirUser");
        assertThat(RequestedScopes.withResourceScopes(null, List.of("patient/Patient.rs"))).isEqualTo("patient/Patient.rs");
    }
}
