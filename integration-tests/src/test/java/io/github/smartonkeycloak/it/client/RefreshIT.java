package io.github.smartonkeycloak.it.client;

import static io.github.smartonkeycloak.it.support.SmartAppFlow.scopes;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.smartonkeycloak.capability.SmartCapability;
import io.github.smartonkeycloak.it.support.BrowserlessLogin;
import io.github.smartonkeycloak.it.support.DemoUsers;
import io.github.smartonkeycloak.it.support.Http;
import io.github.smartonkeycloak.it.support.Jwt;
import io.github.smartonkeycloak.it.support.Proves;
import io.github.smartonkeycloak.it.support.RealmFixtures;
import io.github.smartonkeycloak.it.support.SmartAppFlow;
import io.github.smartonkeycloak.it.support.SmartRealm;
import io.github.smartonkeycloak.it.support.SmartServerConfig;
import io.github.smartonkeycloak.it.support.TokenEndpoint;
import org.junit.jupiter.api.Test;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.injection.LifeCycle;
import org.keycloak.testframework.realm.ManagedRealm;

/**
 * Refresh as SMART apps use it: public clients with {@code client_id} only, offline tokens that outlive the login
 * session, online tokens bound to it, scopes and launch context kept, a {@code scope} that may only narrow.
 */
@KeycloakIntegrationTest(config = SmartServerConfig.class)
class RefreshIT {

    private static final String APP = "refresh-test-app";
    private static final String OTHER_APP = "refresh-other-app";
    private static final List<String> CEILINGS = List.of("launch/patient", "patient/*.rs", "fhirUser", "offline_access",
            "online_access");
    private static final int NINETY_DAYS = 90 * 24 * 3600;

    @InjectRealm(fromJson = SmartRealm.JSON, config = SmartRealm.FreshId.class, lifecycle = LifeCycle.GLOBAL)
    ManagedRealm realm;

    private final DemoUsers users = DemoUsers.load();

    private TokenEndpoint tokenEndpoint() {
        return new TokenEndpoint(realm.getBaseUrl());
    }

    private SmartAppFlow app() {
        new RealmFixtures(realm).publicClient(APP, CEILINGS);
        return new SmartAppFlow(realm.getBaseUrl(), APP);
    }

    @Test
    void aPublicClientRefreshesWithItsClientIdAndKeepsScopesAndLaunchContext() {
        JsonNode tokens = app().tokens("openid fhirUser launch/patient offline_access patient/Observation.rs patient/Patient.rs",
                users.patient());

        Http.Response refreshed = tokenEndpoint().refreshAsPublicClient(tokens.path("refresh_token").asText(), APP, null);

        assertThat(refreshed.status()).as(refreshed.body()).isEqualTo(200);
        JsonNode body = refreshed.json();
        assertThat(scopes(body.path("scope").asText())).isEqualTo(scopes(tokens.path("scope").asText()));
        assertThat(body.path("patient").asText()).isEqualTo(tokens.path("patient").asText()).isNotEmpty();
        assertThat(body.path("need_patient_banner").asBoolean()).isTrue();
        assertThat(body.path("refresh_token").asText()).isNotEmpty();
        assertThat(refreshed.header("Cache-Control")).hasValue("no-store");
        assertThat(refreshed.header("Pragma")).hasValue("no-cache");
    }

    @Test
    @Proves(SmartCapability.PERMISSION_ONLINE)
    void offlineTokensOutliveTheLoginSessionOnlineTokensEndWithIt() {
        SmartAppFlow online = app();
        BrowserlessLogin browser = new BrowserlessLogin(realm.getBaseUrl());
        JsonNode onlineTokens = online.inBrowser(browser)
                .tokens("openid launch/patient online_access patient/*.rs", users.patient());
        JsonNode offlineTokens = new SmartAppFlow(realm.getBaseUrl(), APP).inBrowser(browser)
                .tokens("openid launch/patient offline_access patient/*.rs", users.patient());

        JsonNode onlineRefresh = Jwt.payload(onlineTokens.path("refresh_token").asText());
        JsonNode offlineRefresh = Jwt.payload(offlineTokens.path("refresh_token").asText());
        assertThat(onlineRefresh.path("typ").asText()).isEqualTo("Refresh");
        assertThat(onlineRefresh.path("exp").asLong() - onlineRefresh.path("iat").asLong())
                .as("online refresh token lives as long as the session's idle time").isLessThanOrEqualTo(30 * 60);
        assertThat(offlineRefresh.path("typ").asText()).isEqualTo("Offline");
        // Offline sessions live 90 idle days and at most 180 days (g10 asks for at least three months, not for
        // ever): the offline refresh token expires with the session's maximum.
        assertThat(realm.admin().toRepresentation().getOfflineSessionIdleTimeout()).isGreaterThanOrEqualTo(NINETY_DAYS);
        assertThat(realm.admin().toRepresentation().getOfflineSessionMaxLifespanEnabled()).isTrue();
        assertThat(offlineRefresh.path("exp").asLong() - offlineRefresh.path("iat").asLong())
                .isGreaterThanOrEqualTo(NINETY_DAYS).isLessThanOrEqualTo(2L * NINETY_DAYS);

        Http.Response logout = Http.plain().postForm(realm.getBaseUrl() + "/protocol/openid-connect/logout",
                Map.of("client_id", APP, "refresh_token", onlineTokens.path("refresh_token").asText()));
        assertThat(logout.status()).as(logout.body()).isEqualTo(204);

        Http.Response onlineAfterLogout = tokenEndpoint().refreshAsPublicClient(onlineTokens.path("refresh_token").asText(), APP, null);
        assertThat(onlineAfterLogout.status()).isEqualTo(400);
        assertThat(onlineAfterLogout.json().path("error").asText()).isEqualTo("invalid_grant");
        Http.Response offlineAfterLogout = tokenEndpoint().refreshAsPublicClient(offlineTokens.path("refresh_token").asText(), APP, null);
        assertThat(offlineAfterLogout.status()).as(offlineAfterLogout.body()).isEqualTo(200);
        assertThat(offlineAfterLogout.json().path("patient").asText()).isEqualTo(offlineTokens.path("patient").asText());
    }

    @Test
    void aScopeOnRefreshNarrowsButCannotWiden() {
        String request = "openid launch/patient offline_access patient/Observation.rs patient/Patient.rs";
        JsonNode tokens = app().tokens(request, users.patient());

        // Refresh tokens rotate: each refresh uses the token the previous one returned.
        Http.Response narrowed = tokenEndpoint().refreshAsPublicClient(tokens.path("refresh_token").asText(), APP,
                "openid patient/Patient.rs");
        assertThat(narrowed.status()).as(narrowed.body()).isEqualTo(200);
        assertThat(scopes(narrowed.json().path("scope").asText())).contains("patient/Patient.rs")
                .doesNotContain("patient/Observation.rs");
        assertThat(scopes(Jwt.payload(narrowed.json().path("access_token").asText()).path("scope").asText()))
                .doesNotContain("patient/Observation.rs");

        Http.Response same = tokenEndpoint().refreshAsPublicClient(narrowed.json().path("refresh_token").asText(), APP,
                tokens.path("scope").asText());
        assertThat(same.status()).as("Inferno refreshes with the scope it received").isEqualTo(200);
        assertThat(scopes(same.json().path("scope").asText())).isEqualTo(scopes(tokens.path("scope").asText()));

        // A refused refresh may spend the token it used (rotation), so each attempt starts from a grant of its own.
        for (String wider : List.of("openid patient/Condition.rs", "openid patient/Observation.cruds", "openid user/*.rs")) {
            String refreshToken = new SmartAppFlow(realm.getBaseUrl(), APP).tokens(request, users.patient())
                    .path("refresh_token").asText();
            Http.Response widened = tokenEndpoint().refreshAsPublicClient(refreshToken, APP, wider);
            assertThat(widened.status()).as(wider + ": " + widened.body()).isEqualTo(400);
            assertThat(widened.json().path("error").asText()).as(widened.body()).isEqualTo("invalid_scope");
        }
    }

    @Test
    void aRefreshTokenWorksOnlyForItsOwnClientAndARandomOneIsRefused() {
        JsonNode tokens = app().tokens("openid launch/patient offline_access patient/*.rs", users.patient());
        new RealmFixtures(realm).publicClient(OTHER_APP, CEILINGS);

        Http.Response stolen = tokenEndpoint().refreshAsPublicClient(tokens.path("refresh_token").asText(), OTHER_APP, null);
        assertThat(stolen.status()).isEqualTo(400);
        assertThat(stolen.json().path("error").asText()).isEqualTo("invalid_grant");

        Http.Response random = tokenEndpoint().refreshAsPublicClient(UUID.randomUUID().toString(), APP, null);
        assertThat(random.status()).isIn(400, 401);
        assertThat(random.json().path("error").asText()).isEqualTo("invalid_grant");
    }
}
