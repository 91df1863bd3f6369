package io.github.smartonkeycloak.it.capability;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.smartonkeycloak.capability.SmartCapability;
import io.github.smartonkeycloak.it.support.BrowserlessLogin;
import io.github.smartonkeycloak.it.support.DemoUsers;
import io.github.smartonkeycloak.it.support.Http;
import io.github.smartonkeycloak.it.support.Jwt;
import io.github.smartonkeycloak.it.support.Pkce;
import io.github.smartonkeycloak.it.support.Proves;
import io.github.smartonkeycloak.it.support.SmartRealm;
import io.github.smartonkeycloak.it.support.SmartServerConfig;
import io.github.smartonkeycloak.it.support.TestApps;
import io.github.smartonkeycloak.it.support.TokenEndpoint;
import org.junit.jupiter.api.Test;
import org.keycloak.testframework.annotations.InjectClient;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.injection.LifeCycle;
import org.keycloak.testframework.realm.ManagedClient;
import org.keycloak.testframework.realm.ManagedRealm;

/** The capabilities stock Keycloak brings, shown working in the shipped realm with a real login. */
@KeycloakIntegrationTest(config = SmartServerConfig.class)
class CapabilityProofIT {

    @InjectRealm(fromJson = SmartRealm.JSON, config = SmartRealm.FreshId.class, lifecycle = LifeCycle.GLOBAL)
    ManagedRealm realm;

    @InjectClient(config = TestApps.PublicApp.class, ref = "public")
    ManagedClient publicApp;

    @InjectClient(config = TestApps.ConfidentialApp.class, ref = "confidential")
    ManagedClient confidentialApp;

    private final DemoUsers.DemoUser patient = DemoUsers.load().patient();

    private String loginForCode(String clientId, String scope, Pkce pkce) {
        Map<String, String> response = new BrowserlessLogin(realm.getBaseUrl()).authorize(
                TokenEndpoint.authorizationRequest(clientId, scope, pkce, "state-123"),
                patient.username(), patient.password());
        assertThat(response).containsEntry("state", "state-123").containsKey("code");
        return response.get("code");
    }

    @Test
    @Proves(SmartCapability.CLIENT_PUBLIC)
    void aPublicAppGetsTokensWithPkceAndNoSecret() {
        Pkce pkce = Pkce.s256();
        String code = loginForCode(TestApps.PublicApp.CLIENT_ID, "openid", pkce);

        Http.Response token = new TokenEndpoint(realm.getBaseUrl())
                .exchangeCodeAsPublicClient(code, pkce, TestApps.PublicApp.CLIENT_ID);

        assertThat(token.status()).as(token.body()).isEqualTo(200);
        assertTokenResponse(token.json());
    }

    @Test
    @Proves(SmartCapability.CLIENT_CONFIDENTIAL_SYMMETRIC)
    void aConfidentialAppGetsTokensWithItsSecretAndNotWithoutIt() {
        Pkce pkce = Pkce.s256();
        TokenEndpoint tokenEndpoint = new TokenEndpoint(realm.getBaseUrl());

        String code = loginForCode(TestApps.ConfidentialApp.CLIENT_ID, "openid", pkce);
        Http.Response wrongSecret = tokenEndpoint.exchangeCodeWithBasic(code, pkce, TestApps.ConfidentialApp.CLIENT_ID, "wrong");
        assertThat(wrongSecret.status()).isEqualTo(401);
        assertThat(wrongSecret.json().path("error").asText()).isEqualTo("unauthorized_client");

        String secondCode = loginForCode(TestApps.ConfidentialApp.CLIENT_ID, "openid", pkce);
        Http.Response token = tokenEndpoint.exchangeCodeWithBasic(secondCode, pkce, TestApps.ConfidentialApp.CLIENT_ID,
                TestApps.ConfidentialApp.SECRET);
        assertThat(token.status()).as(token.body()).isEqualTo(200);
        assertTokenResponse(token.json());
    }

    @Test
    @Proves(SmartCapability.PERMISSION_OFFLINE)
    void offlineAccessGivesARefreshTokenThatOutlivesTheSession() {
        Pkce pkce = Pkce.s256();
        String code = loginForCode(TestApps.PublicApp.CLIENT_ID, "openid offline_access", pkce);

        JsonNode token = new TokenEndpoint(realm.getBaseUrl())
                .exchangeCodeAsPublicClient(code, pkce, TestApps.PublicApp.CLIENT_ID).json();

        assertThat(token.path("scope").asText().split(" ")).contains("offline_access");
        assertThat(Jwt.payload(token.path("refresh_token").asText()).path("typ").asText()).isEqualTo("Offline");
    }

    /** The token response fields and JSON types Inferno checks (smart-inferno-checks.md §2.3). */
    private static void assertTokenResponse(JsonNode token) {
        for (String field : new String[] {"access_token", "token_type", "scope", "refresh_token"}) {
            assertThat(token.path(field).isTextual()).as(field).isTrue();
        }
        assertThat(token.path("token_type").asText()).isEqualToIgnoringCase("Bearer");
        assertThat(token.path("expires_in").isNumber()).isTrue();
        assertThat(Jwt.payload(token.path("access_token").asText()).path("preferred_username").asText()).isEqualTo("amy");
    }
}
