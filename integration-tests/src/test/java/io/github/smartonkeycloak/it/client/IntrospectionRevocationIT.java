package io.github.smartonkeycloak.it.client;

import static io.github.smartonkeycloak.it.support.SmartAppFlow.scopes;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.smartonkeycloak.it.support.AccountConsole;
import io.github.smartonkeycloak.it.support.DemoUsers;
import io.github.smartonkeycloak.it.support.Http;
import io.github.smartonkeycloak.it.support.Jwt;
import io.github.smartonkeycloak.it.support.RealmFixtures;
import io.github.smartonkeycloak.it.support.SmartAppFlow;
import io.github.smartonkeycloak.it.support.SmartRealm;
import io.github.smartonkeycloak.it.support.SmartServerConfig;
import io.github.smartonkeycloak.it.support.TestFhirServer;
import io.github.smartonkeycloak.it.support.TokenEndpoint;
import org.junit.jupiter.api.Test;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.injection.LifeCycle;
import org.keycloak.testframework.realm.ManagedRealm;

/**
 * Introspection in the shape Inferno checks (every launch-context field of the token response, {@code fhirUser},
 * {@code iss} and {@code sub} of the id_token, proper JSON types; exactly {@code {"active":false}} otherwise), by
 * the FHIR server with its own credentials and by a confidential app; RFC 7009 revocation and the patient's
 * revocation in the account console, seen by the demo FHIR server.
 */
@KeycloakIntegrationTest(config = SmartServerConfig.class)
class IntrospectionRevocationIT {

    private static final String APP = "introspection-test-app";
    private static final String CONFIDENTIAL = "introspection-confidential";
    private static final String SECRET = "introspection-secret";
    private static final String RESOURCE_SERVER = "demo-fhir-server";
    private static final String RESOURCE_SERVER_SECRET = "demo-fhir-server-secret";
    private static final List<String> CEILINGS = List.of("launch/patient", "launch/encounter", "patient/*.rs",
            "fhirUser", "offline_access", "online_access");
    private static final String SCOPE = "openid fhirUser launch/patient launch/encounter offline_access patient/*.rs";

    @InjectRealm(fromJson = SmartRealm.JSON, config = SmartRealm.FreshId.class, lifecycle = LifeCycle.GLOBAL)
    ManagedRealm realm;

    private final DemoUsers users = DemoUsers.load();

    private TokenEndpoint tokenEndpoint() {
        return new TokenEndpoint(realm.getBaseUrl());
    }

    private JsonNode introspectByResourceServer(String token) {
        Http.Response response = tokenEndpoint().introspect(token, RESOURCE_SERVER, RESOURCE_SERVER_SECRET);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    private static void assertExactlyInactive(JsonNode introspection) {
        assertThat(introspection.toString()).isEqualTo("{\"active\":false}");
    }

    private int fhirStatus(String accessToken, String patient) {
        TestFhirServer.ensureRunning();
        return Http.plain().get(TestFhirServer.baseUrl() + "/Patient/" + patient, "Authorization", "Bearer " + accessToken)
                .status();
    }

    private static void assertActiveWithContext(JsonNode introspection, JsonNode tokens, String clientId) {
        JsonNode idToken = Jwt.payload(tokens.path("id_token").asText());
        assertThat(introspection.path("active").isBoolean()).isTrue();
        assertThat(introspection.path("active").asBoolean()).isTrue();
        assertThat(introspection.path("client_id").isTextual()).isTrue();
        assertThat(introspection.path("client_id").asText()).isEqualTo(clientId);
        assertThat(scopes(introspection.path("scope").asText())).isEqualTo(scopes(tokens.path("scope").asText()));
        assertThat(introspection.path("exp").isNumber()).isTrue();
        assertThat(introspection.path("iat").isNumber()).isTrue();
        assertThat(introspection.path("exp").asLong()).isGreaterThan(introspection.path("iat").asLong());
        assertThat(introspection.path("sub").asText()).isEqualTo(idToken.path("sub").asText()).isNotEmpty();
        assertThat(introspection.path("iss").asText()).isEqualTo(idToken.path("iss").asText()).isNotEmpty();
        assertThat(introspection.path("fhirUser").asText()).isEqualTo(idToken.path("fhirUser").asText()).isNotEmpty();
        for (String field : List.of("patient", "encounter")) {
            if (tokens.has(field)) {
                assertThat(introspection.path(field).isTextual()).as(field).isTrue();
                assertThat(introspection.path(field).asText()).as(field).isEqualTo(tokens.path(field).asText());
            }
        }
        assertThat(tokens.path("patient").asText()).isNotEmpty();
    }

    @Test
    void theResourceServerSeesTheWholeContextOfAnActiveAndARefreshedToken() {
        new RealmFixtures(realm).publicClient(APP, CEILINGS);
        JsonNode tokens = new SmartAppFlow(realm.getBaseUrl(), APP).tokens(SCOPE, users.patient());

        assertActiveWithContext(introspectByResourceServer(tokens.path("access_token").asText()), tokens, APP);

        JsonNode refreshed = tokenEndpoint().refreshAsPublicClient(tokens.path("refresh_token").asText(), APP, null).json();
        assertActiveWithContext(introspectByResourceServer(refreshed.path("access_token").asText()), refreshed, APP);
    }

    @Test
    void aConfidentialAppIntrospectsItsOwnTokenWithItsCredentials() {
        new RealmFixtures(realm).confidentialClient(CONFIDENTIAL, SECRET, CEILINGS);
        SmartAppFlow app = new SmartAppFlow(realm.getBaseUrl(), CONFIDENTIAL);
        SmartAppFlow.Authorization authorization = app.authorize(SCOPE, users.patient());
        Http.Response token = tokenEndpoint().exchangeCodeWithBasic(authorization.redirect().get("code"),
                authorization.pkce(), CONFIDENTIAL, SECRET);
        assertThat(token.status()).as(token.body()).isEqualTo(200);

        Http.Response introspection = tokenEndpoint().introspect(token.json().path("access_token").asText(), CONFIDENTIAL, SECRET);

        assertThat(introspection.status()).isEqualTo(200);
        assertActiveWithContext(introspection.json(), token.json(), CONFIDENTIAL);
    }

    @Test
    void garbageAndExpiredTokensAreExactlyInactive() throws InterruptedException {
        assertExactlyInactive(introspectByResourceServer("invalid_token_value"));

        new RealmFixtures(realm).publicClient(APP, CEILINGS);
        new RealmFixtures(realm).clientAttribute(APP, "access.token.lifespan", "2");
        JsonNode tokens = new SmartAppFlow(realm.getBaseUrl(), APP).tokens(SCOPE, users.patient());
        Thread.sleep(3_500);

        assertExactlyInactive(introspectByResourceServer(tokens.path("access_token").asText()));
    }

    @Test
    void callersWithoutOrWithWrongCredentialsAreRefused() {
        Http.Response anonymous = Http.plain().postForm(tokenEndpoint().tokenUrl() + "/introspect", Map.of("token", "x"));
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.json().path("error").asText()).isNotEmpty();
        Http.Response wrong = tokenEndpoint().introspect("x", RESOURCE_SERVER, "not-the-secret");
        assertThat(wrong.status()).isEqualTo(401);
    }

    @Test
    void revokingTheAccessTokenEndsItAtTheFhirServer() {
        new RealmFixtures(realm).publicClient(APP, CEILINGS);
        JsonNode tokens = new SmartAppFlow(realm.getBaseUrl(), APP).tokens(SCOPE, users.patient());
        String accessToken = tokens.path("access_token").asText();
        String patient = tokens.path("patient").asText();
        assertThat(fhirStatus(accessToken, patient)).isEqualTo(200);

        Http.Response revoked = revoke(accessToken, "access_token");

        assertThat(revoked.status()).isEqualTo(200);
        assertExactlyInactive(introspectByResourceServer(accessToken));
        assertThat(fhirStatus(accessToken, patient)).isEqualTo(401);
    }

    @Test
    void revokingTheRefreshTokenEndsRefreshAndTheAccessToken() {
        new RealmFixtures(realm).publicClient(APP, CEILINGS);
        JsonNode tokens = new SmartAppFlow(realm.getBaseUrl(), APP).tokens(SCOPE, users.patient());
        String refreshToken = tokens.path("refresh_token").asText();

        assertThat(revoke(refreshToken, "refresh_token").status()).isEqualTo(200);

        Http.Response refresh = tokenEndpoint().refreshAsPublicClient(refreshToken, APP, null);
        assertThat(refresh.status()).isIn(400, 401);
        assertThat(refresh.json().path("error").asText()).isEqualTo("invalid_grant");
        assertExactlyInactive(introspectByResourceServer(tokens.path("access_token").asText()));
    }

    @Test
    void aPatientRevokingTheAppInTheAccountConsoleEndsItsTokens() {
        new RealmFixtures(realm).publicClient(APP, CEILINGS, true);
        JsonNode tokens = new SmartAppFlow(realm.getBaseUrl(), APP).tokens(SCOPE, users.patient());
        String accessToken = tokens.path("access_token").asText();
        String patient = tokens.path("patient").asText();
        assertThat(fhirStatus(accessToken, patient)).isEqualTo(200);

        AccountConsole.signIn(realm.getBaseUrl(), users.patient()).revoke(APP);

        Http.Response refresh = tokenEndpoint().refreshAsPublicClient(tokens.path("refresh_token").asText(), APP, null);
        assertThat(refresh.status()).isIn(400, 401);
        assertExactlyInactive(introspectByResourceServer(accessToken));
        assertThat(fhirStatus(accessToken, patient)).isEqualTo(401);
    }

    private Http.Response revoke(String token, String hint) {
        return Http.plain().postForm(realm.getBaseUrl() + "/protocol/openid-connect/revoke",
                Map.of("token", token, "token_type_hint", hint, "client_id", APP));
    }
}
