package io.github.smartonkeycloak.it.launch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.smartonkeycloak.it.support.BrowserlessLogin;
import io.github.smartonkeycloak.it.support.DemoUsers;
import io.github.smartonkeycloak.it.support.Http;
import io.github.smartonkeycloak.it.support.Jwt;
import io.github.smartonkeycloak.it.support.LaunchApi;
import io.github.smartonkeycloak.it.support.Pkce;
import io.github.smartonkeycloak.it.support.RealmFixtures;
import io.github.smartonkeycloak.it.support.SmartAppFlow;
import io.github.smartonkeycloak.it.support.SmartRealm;
import io.github.smartonkeycloak.it.support.SmartServerConfig;
import io.github.smartonkeycloak.it.support.TokenEndpoint;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.injection.LifeCycle;
import org.keycloak.testframework.realm.ManagedRealm;

/**
 * An EHR launch belongs to its EHR user and its FHIR server: nobody else can take its patient, a user who is not a
 * clinician never gets a patient outside their own records, its {@code aud} must be its {@code iss} (and the token is
 * for that FHIR server only), and a request
 * refused at the authorization endpoint does not spend it.
 */
@KeycloakIntegrationTest(config = SmartServerConfig.class)
class EhrLaunchBindingIT {

    private static final String APP = "ehr-binding-app";
    private static final String EHR_SCOPE = "launch openid fhirUser patient/*.rs";
    private static final String SECOND_FHIR_BASE = "http://localhost:8081/research-fhir";

    @InjectRealm(fromJson = SmartRealm.JSON, config = SmartRealm.FreshId.class, lifecycle = LifeCycle.GLOBAL)
    ManagedRealm realm;

    private final DemoUsers users = DemoUsers.load();

    @BeforeEach
    void registerTheApp() {
        new RealmFixtures(realm).publicClient(APP, List.of("launch", "fhirUser", "patient/*.rs"));
    }

    private String launch(Map<String, Object> body) {
        return new LaunchApi(realm.getBaseUrl()).register(body);
    }

    private SmartAppFlow app(String launchId) {
        return new SmartAppFlow(realm.getBaseUrl(), APP).with("launch", launchId);
    }

    @Test
    void aLaunchBoundToItsEhrUserGivesNoCodeToAnyoneElse() {
        String bound = launch(Map.of("client_id", APP, "patient", "ben-shaw", "user", users.practitioner().username()));

        Map<String, String> asAmy = app(bound).authorize(EHR_SCOPE, users.patient()).redirect();

        assertThat(asAmy).containsEntry("error", "access_denied").doesNotContainKey("code");
        assertThat(asAmy.get("error_description")).isEqualTo("the launch belongs to another user");
        // Refused after login, the attempt spent the launch: the EHR registers a new one for its user.
        String again = launch(Map.of("client_id", APP, "patient", "ben-shaw", "user", users.practitioner().username()));
        JsonNode asDrJones = app(again).tokens(EHR_SCOPE, users.practitioner());
        assertThat(asDrJones.path("patient").asText()).isEqualTo("ben-shaw");
    }

    @Test
    void theUserFieldTakesAUserIdAsWellAndRefusesUnknownUsers() {
        String drJonesId = realm.admin().users().search(users.practitioner().username(), true).get(0).getId();
        String byId = launch(Map.of("client_id", APP, "patient", "amy-shaw", "user", drJonesId));
        assertThat(app(byId).tokens(EHR_SCOPE, users.practitioner()).path("patient").asText()).isEqualTo("amy-shaw");

        LaunchApi api = new LaunchApi(realm.getBaseUrl());
        Http.Response unknown = api.post(LaunchApi.json(Map.of("client_id", APP, "user", "nobody-here")), api.ehrToken());
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().path("error").asText()).isEqualTo("invalid_request");
        assertThat(unknown.json().path("error_description").asText()).contains("user");
    }

    @Test
    void aPatientUserNeverGetsAnEhrPatientOutsideTheirRecords() {
        String unbound = launch(Map.of("client_id", APP, "patient", "someone-else-1"));

        Map<String, String> asAmy = app(unbound).authorize(EHR_SCOPE, users.patient()).redirect();

        assertThat(asAmy).containsEntry("error", "access_denied").doesNotContainKey("code");
        assertThat(asAmy.get("error_description")).isEqualTo("the launch's patient is not one of the user's records");

        String ownRecord = launch(Map.of("client_id", APP, "patient", "ben-shaw"));
        assertThat(app(ownRecord).tokens(EHR_SCOPE, users.patient()).path("patient").asText()).isEqualTo("ben-shaw");
    }

    @Test
    void aRequestRefusedAtTheAuthorizationEndpointDoesNotSpendTheLaunch() {
        String launchId = launch(Map.of("client_id", APP, "patient", "amy-shaw"));
        Map<String, String> plain = TokenEndpoint.authorizationRequest(APP, EHR_SCOPE, Pkce.s256(), "s-1");
        plain.put("launch", launchId);
        plain.put("aud", SmartAppFlow.FHIR_BASE_URL);
        plain.put("code_challenge_method", "plain");
        plain.put("code_challenge", Pkce.s256().verifier());

        Http.Response refused = new BrowserlessLogin(realm.getBaseUrl()).send(plain);

        Map<String, String> redirect = BrowserlessLogin.queryParameters(java.net.URI.create(refused.header("Location").orElseThrow()));
        assertThat(redirect).containsEntry("error", "invalid_request").doesNotContainKey("code");
        assertThat(app(launchId).tokens(EHR_SCOPE, users.practitioner()).path("patient").asText()).isEqualTo("amy-shaw");
    }

    @Test
    void theAppsAudMustBeTheIssTheLaunchWasRegisteredFor() {
        new RealmFixtures(realm).realmAttribute("smart.fhirBaseUrls", SmartAppFlow.FHIR_BASE_URL + " " + SECOND_FHIR_BASE);
        String forSecond = launch(Map.of("client_id", APP, "patient", "amy-shaw", "iss", SECOND_FHIR_BASE));

        Map<String, String> request = app(forSecond).request(EHR_SCOPE, Pkce.s256());
        Http.Response refused = new BrowserlessLogin(realm.getBaseUrl()).send(request);

        Map<String, String> redirect = BrowserlessLogin.queryParameters(java.net.URI.create(refused.header("Location").orElseThrow()));
        assertThat(redirect).containsEntry("error", "invalid_request");
        assertThat(redirect.get("error_description")).isEqualTo("aud must be the iss the EHR launched the app with");
        JsonNode tokens = app(forSecond).with("aud", SECOND_FHIR_BASE).tokens(EHR_SCOPE, users.practitioner());
        assertThat(tokens.path("patient").asText()).isEqualTo("amy-shaw");
        // The token is for the second server only: the first server's introspection client cannot use it.
        String accessToken = tokens.path("access_token").asText();
        assertThat(Jwt.payload(accessToken).path("aud").toString()).contains(SECOND_FHIR_BASE)
                .doesNotContain(SmartAppFlow.FHIR_BASE_URL + "\"", "demo-fhir-server");
        assertThat(new TokenEndpoint(realm.getBaseUrl()).introspect(accessToken, "demo-fhir-server", "demo-fhir-server-secret")
                .json().path("active").asBoolean()).isFalse();

        LaunchApi api = new LaunchApi(realm.getBaseUrl());
        Http.Response foreignIss = api.post(LaunchApi.json(Map.of("client_id", APP, "iss", "https://fhir.example/other")),
                api.ehrToken());
        assertThat(foreignIss.status()).isEqualTo(400);
    }
}
