package io.github.smartonkeycloak.core.scope;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class GrantedScopesTest {

    @Test
    void readsOnlyTheResourceScopesOfATokensScopeClaim() {
        GrantedScopes granted = GrantedScopes.parse("openid fhirUser launch/patient patient/Observation.rs email "
                + "patient/Observation.xyz user/*.read");

        assertThat(granted.resourceScopes()).extracting(ResourceScope::text)
                .containsExactly("patient/Observation.rs", "user/*.read");
        assertThat(granted.hasContext(ScopeContext.PATIENT)).isTrue();
        assertThat(granted.hasContext(ScopeContext.SYSTEM)).isFalse();
    }

    @Test
    void permitsWhenAnyScopeDoes() {
        GrantedScopes granted = GrantedScopes.parse("patient/Observation.rs?category=a|lab patient/Condition.r");

        assertThat(granted.permits(ScopeContext.PATIENT, "Condition", Interaction.READ, Map.of())).isTrue();
        assertThat(granted.permits(ScopeContext.PATIENT, "Condition", Interaction.SEARCH, Map.of())).isFalse();
        assertThat(granted.permits(ScopeContext.PATIENT, "Observation", Interaction.SEARCH,
                Map.of("category", List.of("a|lab")))).isTrue();
        assertThat(granted.permits(ScopeContext.PATIENT, "Observation", Interaction.SEARCH, Map.of())).isFalse();
    }

    @Test
    void aMissingOrEmptyClaimGrantsNothing() {
        assertThat(GrantedScopes.parse(null).resourceScopes()).isEmpty();
        assertThat(GrantedScopes.parse("").resourceScopes()).isEmpty();
        assertThat(GrantedScopes.parse("  ").permits(ScopeContext.USER, "Patient", Interaction.READ, Map.of())).isFalse();
    }
}
