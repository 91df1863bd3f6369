package io.github.smartonkeycloak.core.scope;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class ScopeRequestTest {

    @Test
    void namesKeepRequestOrderAndDropBlanksAndRepeats() {
        assertThat(ScopeRequest.of("  openid   openid fhirUser patient/*.rs ").names())
                .containsExactly("openid", "fhirUser", "patient/*.rs");
        assertThat(ScopeRequest.of(null).isEmpty()).isTrue();
        assertThat(ScopeRequest.of("   ").isEmpty()).isTrue();
        assertThat(ScopeRequest.of("a  b").toParameter()).isEqualTo("a b");
    }

    @Test
    void resourceScopesAreReplacedAndEverythingElseStaysInOrder() {
        ScopeRequest request = ScopeRequest.of(
                "launch/patient openid patient/*.rs fhirUser patient/Observation.read offline_access");

        assertThat(request.withResourceScopes(List.of("patient/Patient.rs", "patient/Condition.rs")).toParameter())
                .isEqualTo("launch/patient openid fhirUser offline_access patient/Patient.rs patient/Condition.rs");
        assertThat(request.withResourceScopes(List.of()).toParameter())
                .isEqualTo("launch/patient openid fhirUser offline_access");
        assertThat(ScopeRequest.of("openid openid fhirUser patient/*.rs").withResourceScopes(List.of()).toParameter())
                .isEqualTo("openid fhirUser");
        assertThat(ScopeRequest.of(null).withResourceScopes(List.of("patient/Patient.rs")).toParameter())
                .isEqualTo("patient/Patient.rs");
    }

    @Test
    void smartScopesAreRecognisedEvenWhenMalformed() {
        ScopeRequest request = ScopeRequest.of("openid patient/Observation.xyz launch");

        assertThat(request.namesSmartScope()).isTrue();
        assertThat(request.firstSmartScope()).contains("patient/Observation.xyz");
        assertThat(request.firstMalformed()).get().extracting(ScopeSyntaxException::scope)
                .isEqualTo("patient/Observation.xyz");
        assertThat(ScopeRequest.of("openid profile").namesSmartScope()).isFalse();
        assertThat(ScopeRequest.of("openid patient/Observation.rs").firstMalformed()).isEmpty();
    }

    @Test
    void resourceScopesByContext() {
        ScopeRequest request = ScopeRequest.of("openid patient/Observation.rs user/Patient.r launch/patient");

        assertThat(request.resourceScopes()).hasSize(2);
        assertThat(request.hasResourceScope(ScopeContext.PATIENT)).isTrue();
        assertThat(request.hasResourceScope(ScopeContext.USER)).isTrue();
        assertThat(request.hasResourceScope(ScopeContext.SYSTEM)).isFalse();
    }

    @Test
    void namesNotInAnotherRequest() {
        ScopeRequest granted = ScopeRequest.of("openid patient/Observation.rs offline_access");

        assertThat(ScopeRequest.of("patient/Observation.rs patient/Patient.rs openid").namesNotIn(granted))
                .containsExactly("patient/Patient.rs");
        assertThat(ScopeRequest.of("openid").namesNotIn(granted)).isEmpty();
        // A scope value is a set: order and spacing do not change what is asked for.
        assertThat(ScopeRequest.of("a  b")).isEqualTo(ScopeRequest.of("b a")).isNotEqualTo(ScopeRequest.of("a"));
    }

    @Test
    void resourceScopeNamesAreTheResourceScopesAsWritten() {
        assertThat(ScopeRequest.of("openid launch/patient patient/Observation.rs?category=laboratory user/*.read offline_access")
                .resourceScopeNames())
                .containsExactlyInAnyOrder("patient/Observation.rs?category=laboratory", "user/*.read");
        assertThat(ScopeRequest.of("openid fhirUser").resourceScopeNames()).isEmpty();
    }
}
