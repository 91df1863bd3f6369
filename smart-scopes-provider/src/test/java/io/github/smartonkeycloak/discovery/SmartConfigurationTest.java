package io.github.smartonkeycloak.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

class SmartConfigurationTest {

    private static SmartConfiguration.Builder minimal() {
        return SmartConfiguration.builder()
                .issuer("http://kc/realms/smart")
                .jwksUri("http://kc/realms/smart/protocol/openid-connect/certs")
                .authorizationEndpoint("http://kc/realms/smart/protocol/openid-connect/auth")
                .tokenEndpoint("http://kc/realms/smart/protocol/openid-connect/token");
    }

    @Test
    void advertisesOnlyS256AndOnlyTheCodeResponseType() {
        Map<String, Object> document = minimal().build().asMap();

        assertThat(document.get("code_challenge_methods_supported")).isEqualTo(List.of("S256"));
        assertThat(document.get("response_types_supported")).isEqualTo(List.of("code"));
    }

    @Test
    void leavesOutOptionalEndpointsThatAreNotSet() {
        Map<String, Object> document = minimal().build().asMap();

        assertThat(document).doesNotContainKeys("registration_endpoint", "management_endpoint",
                "introspection_endpoint", "revocation_endpoint", "token_endpoint_auth_signing_alg_values_supported");
        assertThat(document).doesNotContainValue(null);
    }

    @Test
    void keepsTheSpecificationFieldOrder() {
        Map<String, Object> document = minimal()
                .registrationEndpoint("r").managementEndpoint("m").introspectionEndpoint("i").revocationEndpoint("v")
                .tokenEndpointAuthSigningAlgs(List.of("RS384"))
                .build().asMap();

        assertThat(document.keySet()).containsExactly("issuer", "jwks_uri", "authorization_endpoint",
                "grant_types_supported", "token_endpoint", "token_endpoint_auth_methods_supported",
                "token_endpoint_auth_signing_alg_values_supported", "registration_endpoint", "scopes_supported",
                "response_types_supported", "management_endpoint", "introspection_endpoint", "revocation_endpoint",
                "capabilities", "code_challenge_methods_supported");
    }

    @Test
    void mergesCapabilitiesFromSeveralContributorsSortedAndWithoutDuplicates() {
        SmartConfiguration configuration = minimal()
                .capabilities(Set.of("permission-offline", "client-public"))
                .capabilities(List.of("client-public", "authorize-post"))
                .build();

        assertThat(configuration.capabilities()).containsExactly("authorize-post", "client-public", "permission-offline");
    }

    @Test
    void withheldCapabilitiesAreRemovedWhoeverContributedThem() {
        SmartConfiguration configuration = minimal()
                .withhold(Set.of("client-public"))
                .capabilities(List.of("client-public", "permission-offline"))
                .build();

        assertThat(configuration.capabilities()).containsExactly("permission-offline");
    }

    @Test
    void scopesKeepTheirContributionOrderWithoutDuplicates() {
        Map<String, Object> document = minimal()
                .scopes(List.of("openid", "profile"))
                .scopes(List.of("openid", "launch/patient"))
                .build().asMap();

        assertThat(document.get("scopes_supported")).isEqualTo(List.of("openid", "profile", "launch/patient"));
    }

    @Test
    void refusesADocumentWithoutItsRequiredEndpoints() {
        assertThatThrownBy(() -> SmartConfiguration.builder().issuer("i").jwksUri("j").authorizationEndpoint("a").build())
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("token_endpoint");
    }

    @Test
    void theDocumentCannotBeChangedAfterBuilding() {
        Map<String, Object> document = minimal().build().asMap();

        assertThatThrownBy(() -> document.put("capabilities", List.of("launch-ehr")))
                .isInstanceOf(UnsupportedOperationException.class);
    }
}
