package io.github.smartonkeycloak.it.launch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import io.github.smartonkeycloak.it.support.BrowserlessLogin;
import io.github.smartonkeycloak.it.support.Http;
import io.github.smartonkeycloak.it.support.LaunchApi;
import io.github.smartonkeycloak.it.support.Pkce;
import io.github.smartonkeycloak.it.support.RealmFixtures;
import io.github.smartonkeycloak.it.support.SmartRealm;
import io.github.smartonkeycloak.it.support.SmartServerConfig;
import io.github.smartonkeycloak.it.support.TokenEndpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.injection.LifeCycle;
import org.keycloak.testframework.realm.ManagedRealm;

/** {@code POST /realms/smart/smart-launch/launches}, as in the automation contract: success and every error. */
@KeycloakIntegrationTest(config = SmartServerConfig.class)
class LaunchApiIT {

    @InjectRealm(fromJson = SmartRealm.JSON, config = SmartRealm.FreshId.class, lifecycle = LifeCycle.GLOBAL)
    ManagedRealm realm;

    private LaunchApi api() {
        return new LaunchApi(realm.getBaseUrl());
    }

    private static void assertError(Http.Response response, int status, String error) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.header("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        assertThat(response.json().path("error").asText()).isEqualTo(error);
        assertThat(response.json().path("error_description").asText()).isNotBlank();
    }

    @Test
    void anEhrRegistersALaunchWithEveryField() {
        Http.Response response = api().post(LaunchApi.json(Map.of(
                "client_id", "demo-backend",
                "patient", "Patient/amy-shaw",
                "encounter", "e-1",
                "fhirContext", List.of(Map.of("reference", "Observation/o-1", "role", "https://example.org/role"), "DiagnosticReport/r-1"),
                "need_patient_banner", true,
                "smart_style_url", "https://ehr.example/style.json",
                "intent", "reconcile-medications",
                "tenant", "clinic-7")), api().ehrToken());

        assertThat(response.status()).as(response.body()).isEqualTo(201);
        assertThat(response.json().path("launch").asText()).matches("[A-Za-z0-9_-]{43}");
        assertThat(response.json().path("expires_in").asInt()).isEqualTo(300);
    }

    @Test
    void launchIdsAreUnguessableAndDistinct() {
        String first = api().register(Map.of("client_id", "demo-backend"));
        String second = api().register(Map.of("client_id", "demo-backend"));

        assertThat(first).isNotEqualTo(second).hasSize(43);
    }

    @Test
    void withoutATokenIs401() {
        assertError(api().post("{\"client_id\":\"demo-backend\"}", null), 401, "invalid_token");
        assertError(api().post("{\"client_id\":\"demo-backend\"}", "not-a-token"), 401, "invalid_token");
    }

    @Test
    void aTokenWithoutTheLaunchRoleIs403() {
        String backendToken = new TokenEndpoint(realm.getBaseUrl())
                .clientCredentials("demo-backend", "demo-backend-secret", null).json().path("access_token").asText();

        assertError(api().post("{\"client_id\":\"demo-backend\"}", backendToken), 403, "access_denied");
    }

    @Test
    void aUsersTokenIs403EvenWhenTheUserHoldsTheLaunchRole() {
        RealmFixtures fixtures = new RealmFixtures(realm);
        fixtures.user("ehr-role-user", "ehr-role-user", Map.of(), "smart-launch-creator");
        fixtures.publicClient("launch-api-user-app", List.of());
        Pkce pkce = Pkce.s256();
        Map<String, String> redirect = new BrowserlessLogin(realm.getBaseUrl()).authorize(
                TokenEndpoint.authorizationRequest("launch-api-user-app", "openid", pkce, "s-1"), "ehr-role-user", "ehr-role-user");
        String userToken = new TokenEndpoint(realm.getBaseUrl())
                .exchangeCodeAsPublicClient(redirect.get("code"), pkce, "launch-api-user-app").json().path("access_token").asText();

        Http.Response response = api().post("{\"client_id\":\"demo-backend\"}", userToken);

        assertError(response, 403, "access_denied");
        assertThat(response.json().path("error_description").asText()).contains("smart-launch-api");
    }

    @Test
    void aServiceAccountWithTheRoleButNotTheLaunchApiAudienceIs403() {
        RealmFixtures fixtures = new RealmFixtures(realm);
        fixtures.backendClient("ehr-without-audience", "ehr-without-audience-secret", List.of());
        String serviceAccount = realm.admin().clients().get(realm.admin().clients().findByClientId("ehr-without-audience")
                .get(0).getId()).getServiceAccountUser().getId();
        realm.admin().users().get(serviceAccount).roles().realmLevel()
                .add(List.of(realm.admin().roles().get("smart-launch-creator").toRepresentation()));
        String token = new TokenEndpoint(realm.getBaseUrl())
                .clientCredentials("ehr-without-audience", "ehr-without-audience-secret", null).json().path("access_token").asText();

        assertError(api().post("{\"client_id\":\"demo-backend\"}", token), 403, "access_denied");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "not json|the body is not valid JSON",
            "[]|the body must be a JSON object",
            "{}|client_id is required",
            "{\"client_id\":\"no-such-app\"}|client_id 'no-such-app' is not an enabled client",
            "{\"client_id\":\"demo-backend\",\"colour\":\"red\"}|unknown field 'colour'",
            "{\"client_id\":\"demo-backend\",\"patient\":\"Patient/a b\"}|patient must be a Patient id",
            "{\"client_id\":\"demo-backend\",\"patient\":42}|patient must be a string",
            "{\"client_id\":\"demo-backend\",\"encounter\":\"Encounter/\"}|encounter must be a Encounter id",
            "{\"client_id\":\"demo-backend\",\"need_patient_banner\":\"yes\"}|need_patient_banner must be true or false",
            "{\"client_id\":\"demo-backend\",\"smart_style_url\":\"javascript:alert(1)\"}|smart_style_url must be an absolute http(s) URL",
            "{\"client_id\":\"demo-backend\",\"fhirContext\":\"Observation/1\"}|fhirContext must be an array",
            "{\"client_id\":\"demo-backend\",\"fhirContext\":[\"Nope/1\"]}|fhirContext[0] must be a relative reference",
            "{\"client_id\":\"demo-backend\",\"fhirContext\":[{\"type\":\"Observation\"}]}|fhirContext[0] needs a reference, a canonical or an identifier",
            "{\"client_id\":\"demo-backend\",\"intent\":\"\"}|intent must not be empty",
    })
    void badInputIs400WithAJsonError(String body, String description) {
        Http.Response response = api().post(body, api().ehrToken());

        assertError(response, 400, "invalid_request");
        assertThat(response.json().path("error_description").asText()).startsWith(description);
    }

    @Test
    void anOversizedBodyIs400() {
        String body = "{\"client_id\":\"demo-backend\",\"intent\":\"" + "x".repeat(20_000) + "\"}";

        assertError(api().post(body, api().ehrToken()), 400, "invalid_request");
    }
}
