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
import org.keycloak.testframework.util.ApiUtil;

/**
 * What the realm's client profiles and the pack refuse: wildcard redirect URIs in dynamic registration, the password
 * and implicit grants (switched off on every client), and {@code patient/}
 * scopes without a patient, even
 * through a flow that runs no SMART step.
 */
@KeycloakIntegrationTest(config = SmartServerConfig.class)
class SmartClientProfileIT {

    @InjectRealm(fromJson = SmartRealm.JSON, config = SmartRealm.FreshId.class, lifecycle = LifeCycle.GLOBAL)
    ManagedRealm realm;

    private final DemoUsers.DemoUser amy = DemoUsers.load().patient();

    private ClientRepresentation publicClient(String clientId, String redirectUri) {
        ClientRepresentation client = new ClientRepresentation();
        client.setClientId(clientId);
        client.setPublicClient(true);
        client.setStandardFlowEnabled(true);
        client.setRedirectUris(List.of(redirectUri));
        return client;
    }

    /** Creates the client; answers the HTTP status, and removes it again after the test if it was made. */
    private int create(ClientRepresentation client) {
        try (Response created = realm.admin().clients().create(client)) {
            if (created.getStatus() == 201) {
                String id = ApiUtil.getCreatedId(created);
                realm.cleanup().add(r -> r.clients().get(id).remove());
            }
            return created.getStatus();
        }
    }

    @Test
    void dynamicRegistrationRefusesWildcardRedirectUris() {
        // Refused: 400 from the redirect-URI enforcer, or 403 where Keycloak's registration policies refuse first.
        assertThat(register("http://localhost:8089/*").status()).isIn(400, 403);
        assertThat(register("https://app.example/callback#fragment").status()).isIn(400, 403);
        assertThat(realm.admin().clients().findAll()).noneMatch(client -> "DCR app".equals(client.getName()));

        Http.Response exact = register(TestApps.REDIRECT_URI);
        assertThat(exact.status()).as(exact.body()).isEqualTo(201);
        ClientRepresentation stored = realm.admin().clients().findByClientId(exact.json().path("client_id").asText()).get(0);
        realm.cleanup().add(r -> r.clients().get(stored.getId()).remove());
    }

    /** A third-party app registers itself (RFC 7591) with an initial access token. */
    private Http.Response register(String redirectUri) {
        String initialAccessToken = realm.admin().clientInitialAccess()
                .create(new ClientInitialAccessCreatePresentation(600, 1)).getToken();
        return Http.plain().postJson(realm.getBaseUrl() + "/clients-registrations/openid-connect",
                "{\"client_name\":\"DCR app\",\"redirect_uris\":[\"" + redirectUri + "\"],"
                        + "\"token_endpoint_auth_method\":\"none\",\"grant_types\":[\"authorization_code\"]}",
                "Authorization", "Bearer " + initialAccessToken);
    }

    @Test
    void thePasswordAndImplicitGrantsAreSwitchedOffAndRefused() {
        ClientRepresentation password = publicClient("password-app", TestApps.REDIRECT_URI);
        password.setDirectAccessGrantsEnabled(true);
        password.setImplicitFlowEnabled(true);
        assertThat(create(password)).isEqualTo(201);

        ClientRepresentation created = realm.admin().clients().findByClientId("password-app").get(0);
        assertThat(created.isDirectAccessGrantsEnabled()).isFalse();
        assertThat(created.isImplicitFlowEnabled()).isFalse();
        Http.Response passwordGrant = new TokenEndpoint(realm.getBaseUrl()).post(Map.of("grant_type", "password",
                "client_id", "password-app", "username", amy.username(), "password", amy.password()));
        assertThat(passwordGrant.status()).isBetween(400, 401);
        assertThat(passwordGrant.body()).doesNotContain("access_token");
    }

    @Test
    void patientScopesWithoutAPatientAreRefusedAtIssuanceWhateverTheFlow() {
        new RealmFixtures(realm).publicClient("stock-flow-app", List.of("patient/*.rs"));
        String stockBrowserFlow = realm.admin().flows().getFlows().stream()
                .filter(flow -> "browser".equals(flow.getAlias())).findFirst().orElseThrow().getId();
        ClientRepresentation client = realm.admin().clients().findByClientId("stock-flow-app").get(0);
        client.setAuthenticationFlowBindingOverrides(Map.of("browser", stockBrowserFlow));
        realm.admin().clients().get(client.getId()).update(client);

        Pkce pkce = Pkce.s256();
        Map<String, String> request = TokenEndpoint.authorizationRequest("stock-flow-app", "openid patient/*.rs", pkce, "s-1");
        request.put("aud", SmartAppFlow.FHIR_BASE_URL);
        Map<String, String> redirect = new BrowserlessLogin(realm.getBaseUrl()).authorize(request, amy.username(), amy.password());
        assertThat(redirect).containsKey("code");

        Http.Response exchange = new TokenEndpoint(realm.getBaseUrl())
                .exchangeCodeAsPublicClient(redirect.get("code"), pkce, "stock-flow-app");
        assertThat(exchange.status()).as(exchange.body()).isEqualTo(400);
        assertThat(exchange.json().path("error").asText()).isEqualTo("invalid_scope");
        assertThat(exchange.json().path("error_description").asText()).contains("patient/ scopes need a patient");
    }
}
