package io.github.smartonkeycloak.it.scope;

import static io.github.smartonkeycloak.it.support.SmartAppFlow.scopes;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import java.util.Map;

import io.github.smartonkeycloak.it.support.BrowserlessLogin;
import io.github.smartonkeycloak.it.support.Http;
import io.github.smartonkeycloak.it.support.Pkce;
import io.github.smartonkeycloak.it.support.RealmFixtures;
import io.github.smartonkeycloak.it.support.SmartRealm;
import io.github.smartonkeycloak.it.support.SmartServerConfig;
import io.github.smartonkeycloak.it.support.TokenEndpoint;
import org.junit.jupiter.api.Test;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.injection.LifeCycle;
import org.keycloak.testframework.realm.ManagedRealm;

/**
 * A realm without SMART (no {@code smart.fhirBaseUrls}, no SMART ceilings) on the server that runs the pack behaves
 * as on a stock Keycloak 26.7: an unknown scope fails the request with {@code invalid_scope}
 * ({@code AuthorizationEndpointChecker#checkValidScope}, {@code OAuth2GrantTypeBase#getRequestedScopes}) instead of
 * being dropped as in a SMART realm.
 */
@KeycloakIntegrationTest(config = SmartServerConfig.class)
class NonSmartRealmIT {

    private static final String APP = "plain-app";

    @InjectRealm(fromJson = SmartRealm.JSON, config = SmartRealm.FreshId.class, lifecycle = LifeCycle.GLOBAL)
    ManagedRealm realm;

    /** Created by the test framework as Keycloak creates any realm: no SMART attribute, client scope or policy. */
    @InjectRealm(ref = "plain")
    ManagedRealm plain;

    @Test
    void anUnknownScopeIsInvalidScopeAtTheAuthorizationEndpoint() {
        new RealmFixtures(plain).publicClient(APP, List.of());
        Map<String, String> request = TokenEndpoint.authorizationRequest(APP, "openid no-such-scope", Pkce.s256(), "s-1");

        Http.Response response = Http.plain().get(plain.getBaseUrl() + "/protocol/openid-connect/auth?"
                + Http.formEncode(request));

        assertThat(response.status()).as(response.body()).isEqualTo(302);
        Map<String, String> redirect = BrowserlessLogin.queryParameters(URI.create(response.header("Location").orElseThrow()));
        assertThat(redirect).containsEntry("error", "invalid_scope").containsEntry("state", "s-1")
                .containsEntry("error_description", "Invalid scopes: openid no-such-scope").doesNotContainKey("code");
    }

    @Test
    void anUnknownScopeIsInvalidScopeAtTheTokenEndpoint() {
        new RealmFixtures(plain).backendClient("plain-backend", "plain-backend-secret", List.of());

        Http.Response token = new TokenEndpoint(plain.getBaseUrl())
                .clientCredentials("plain-backend", "plain-backend-secret", "no-such-scope");

        assertThat(token.status()).as(token.body()).isEqualTo(400);
        assertThat(token.json().path("error").asText()).isEqualTo("invalid_scope");
        assertThat(token.json().path("error_description").asText()).isEqualTo("Invalid scopes: no-such-scope");
    }

    /** The other half of the rule: a client that holds a SMART ceiling is negotiated as SMART wherever it is. */
    @Test
    void aClientWithASmartCeilingIsStillNegotiated() {
        RealmFixtures fixtures = new RealmFixtures(plain);
        fixtures.ceiling("system/*.rs");
        fixtures.backendClient("plain-smart-backend", "plain-smart-backend-secret", List.of("system/*.rs"));

        Http.Response token = new TokenEndpoint(plain.getBaseUrl())
                .clientCredentials("plain-smart-backend", "plain-smart-backend-secret", "system/Patient.rs no-such-scope");

        assertThat(token.status()).as(token.body()).isEqualTo(200);
        assertThat(scopes(token.json().path("scope").asText())).contains("system/Patient.rs").doesNotContain("no-such-scope");
    }
}
