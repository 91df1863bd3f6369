package io.github.smartonkeycloak.it.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import io.github.smartonkeycloak.it.support.BrowserlessLogin;
import io.github.smartonkeycloak.it.support.DemoUsers;
import io.github.smartonkeycloak.it.support.Http;
import io.github.smartonkeycloak.it.support.Pkce;
import io.github.smartonkeycloak.it.support.RealmFixtures;
import io.github.smartonkeycloak.it.support.SmartAppFlow;
import io.github.smartonkeycloak.it.support.SmartRealm;
import io.github.smartonkeycloak.it.support.SmartServerConfig;
import io.github.smartonkeycloak.it.support.TestApps;
import io.github.smartonkeycloak.it.support.TokenEndpoint;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.ClientInitialAccessCreatePresentation;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.injection.LifeCycle;
import org.keycloak.testframework.realm.ManagedRealm;

/**
 * PKCE with S256 only, realm-wide, through the shipped realm's client policy: {@code plain} and a missing challenge
 * are refused at the authorization endpoint, a missing, empty or wrong verifier at the token endpoint (Inferno's
 * four invalid-PKCE launches), and clients registered later, by an admin or by dynamic registration, get S256 too.
 */
@KeycloakIntegrationTest(config = SmartServerConfig.class)
class PkceIT {

    private static final String APP = "pkce-test-app";
    private static final String CONFIDENTIAL = "pkce-test-confidential";
    private static final String SECRET = "pkce-test-secret";

    @InjectRealm(fromJson = SmartRealm.JSON, config = SmartRealm.FreshId.class, lifecycle = LifeCycle.GLOBAL)
    ManagedRealm realm;

    private final DemoUsers users = DemoUsers.load();

    private Map<String, String> authorizationRequest(String clientId, Pkce pkce) {
        return new SmartAppFlow(realm.getBaseUrl(), clientId).request("openid launch/patient patient/*.rs", pkce);
    }

    @Test
    void plainAndMissingChallengesAreRefusedAtTheAuthorizationEndpoint() {
        new RealmFixtures(realm).publicClient(APP, List.of("launch/patient", "patient/*.rs"));
        Pkce pkce = Pkce.s256();

        Map<String, String> plain = authorizationRequest(APP, pkce);
        plain.put("code_challenge", pkce.verifier());
        plain.put("code_challenge_method", "plain");
        assertRefusedWithoutCode(plain, "code challenge method");

        Map<String, String> noMethod = authorizationRequest(APP, pkce);
        noMethod.remove("code_challenge_method");
        assertRefusedWithoutCode(noMethod, "code_challenge_method");

        Map<String, String> noChallenge = authorizationRequest(APP, pkce);
        noChallenge.remove("code_challenge");
        noChallenge.remove("code_challenge_method");
        assertRefusedWithoutCode(noChallenge, "code_challenge");
    }

    private void assertRefusedWithoutCode(Map<String, String> request, String descriptionContains) {
        Map<String, String> redirect = new BrowserlessLogin(realm.getBaseUrl())
                .authorize(request, users.patient().username(), users.patient().password());
        assertThat(redirect).doesNotContainKey("code").containsEntry("error", "invalid_request");
        assertThat(redirect.get("error_description")).contains(descriptionContains);
    }

    @Test
    void missingEmptyWrongAndPlainDowngradedVerifiersAreInvalidGrant() {
        new RealmFixtures(realm).confidentialClient(CONFIDENTIAL, SECRET, List.of("launch/patient", "patient/*.rs"));
        TokenEndpoint tokens = new TokenEndpoint(realm.getBaseUrl());

        for (String verifier : new String[] {null, "", "0b0f9c3a-4c48-4a5e-a5c1-6f2a1de3e0f2-1e5c6c50-9d1f-4f7b-8f0e-1c2d3e4f5a6b", "CHALLENGE"}) {
            Pkce pkce = Pkce.s256();
            Map<String, String> redirect = new BrowserlessLogin(realm.getBaseUrl())
                    .authorize(authorizationRequest(CONFIDENTIAL, pkce), users.patient().username(), users.patient().password());
            assertThat(redirect).containsKey("code");
            Map<String, String> form = new java.util.LinkedHashMap<>();
            form.put("grant_type", "authorization_code");
            form.put("code", redirect.get("code"));
            form.put("redirect_uri", TestApps.REDIRECT_URI);
            if (verifier != null) {
                form.put("code_verifier", "CHALLENGE".equals(verifier) ? pkce.challenge() : verifier);
            }
            Http.Response response = tokens.post(form, "Authorization", Http.basic(CONFIDENTIAL, SECRET));
            assertThat(response.status()).as("verifier %s: %s", verifier, response.body()).isEqualTo(400);
            assertThat(response.json().path("error").asText()).as(response.body()).isEqualTo("invalid_grant");
            assertThat(response.json().path("error_description").asText()).containsIgnoringCase("PKCE");
        }
    }

    @Test
    void clientsCreatedByAnAdminGetS256() {
        ClientRepresentation client = new ClientRepresentation();
        client.setClientId("pkce-admin-created");
        client.setPublicClient(true);
        client.setRedirectUris(List.of(TestApps.REDIRECT_URI));
        try (Response created = realm.admin().clients().create(client)) {
            assertThat(created.getStatus()).isEqualTo(201);
        }
        ClientRepresentation stored = realm.admin().clients().findByClientId("pkce-admin-created").get(0);
        realm.cleanup().add(r -> r.clients().get(stored.getId()).remove());

        assertThat(stored.getAttributes()).containsEntry("pkce.code.challenge.method", "S256");

        stored.getAttributes().put("pkce.code.challenge.method", "plain");
        realm.admin().clients().get(stored.getId()).update(stored);
        assertThat(realm.admin().clients().get(stored.getId()).toRepresentation().getAttributes())
                .as("an update cannot switch to plain either").containsEntry("pkce.code.challenge.method", "S256");
    }

    @Test
    void clientsRegisteredDynamicallyGetS256() {
        ClientInitialAccessCreatePresentation request = new ClientInitialAccessCreatePresentation(600, 1);
        String initialAccessToken = realm.admin().clientInitialAccess().create(request).getToken();

        Http.Response registered = Http.plain().postJson(realm.getBaseUrl() + "/clients-registrations/openid-connect",
                "{\"client_name\":\"DCR SMART app\",\"redirect_uris\":[\"" + TestApps.REDIRECT_URI + "\"],"
                        + "\"token_endpoint_auth_method\":\"none\",\"grant_types\":[\"authorization_code\"]}",
                "Authorization", "Bearer " + initialAccessToken);

        assertThat(registered.status()).as(registered.body()).isEqualTo(201);
        String clientId = registered.json().path("client_id").asText();
        ClientRepresentation stored = realm.admin().clients().findByClientId(clientId).get(0);
        realm.cleanup().add(r -> r.clients().get(stored.getId()).remove());
        assertThat(stored.getAttributes()).containsEntry("pkce.code.challenge.method", "S256")
                .containsEntry("token.endpoint.auth.signing.max.exp", "300");
    }
}
