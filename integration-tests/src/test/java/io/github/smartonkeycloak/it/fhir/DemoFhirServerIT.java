package io.github.smartonkeycloak.it.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.smartonkeycloak.demofhir.DemoFhirServer;
import io.github.smartonkeycloak.demofhir.DemoFhirServerConfig;
import io.github.smartonkeycloak.it.support.DemoUsers;
import io.github.smartonkeycloak.it.support.Http;
import io.github.smartonkeycloak.it.support.RealmFixtures;
import io.github.smartonkeycloak.it.support.SmartAppFlow;
import io.github.smartonkeycloak.it.support.SmartRealm;
import io.github.smartonkeycloak.it.support.SmartServerConfig;
import io.github.smartonkeycloak.it.support.TestApps;
import io.github.smartonkeycloak.it.support.TokenEndpoint;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.keycloak.testframework.annotations.InjectClient;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.injection.LifeCycle;
import org.keycloak.testframework.realm.ManagedClient;
import org.keycloak.testframework.realm.ManagedRealm;

/** The demo FHIR server in front of the real Keycloak: it serves data only for tokens Keycloak says are active. */
@KeycloakIntegrationTest(config = SmartServerConfig.class)
class DemoFhirServerIT {

    private static final String REALM_URL = "http://localhost:8080/realms/" + SmartRealm.NAME;
    private static final String PATIENT_APP = "fhir-test-patient-app";
    private static final String OTHER_PATIENT_APP = "fhir-test-other-patient-app";
    private static final String SYSTEM_CEILING_APP = "fhir-test-system-ceiling-app";
    private static DemoFhirServer fhirServer;

    @InjectRealm(fromJson = SmartRealm.JSON, config = SmartRealm.FreshId.class, lifecycle = LifeCycle.GLOBAL)
    ManagedRealm realm;

    @InjectClient(config = TestApps.PublicApp.class)
    ManagedClient app;

    private final Http http = Http.plain();
    private final DemoUsers demoUsers = DemoUsers.load();

    @BeforeAll
    static void startFhirServer() {
        // The read path only: without the Consent and AuditEvent store, which ConsentRecordsIT covers.
        fhirServer = DemoFhirServer.start(DemoFhirServerConfig.builder().port(0).keycloakRealmUrl(REALM_URL)
                .store(false).build());
    }

    @AfterAll
    static void stopFhirServer() {
        fhirServer.close();
    }

    private String backendToken() {
        Http.Response token = new TokenEndpoint(realm.getBaseUrl())
                .clientCredentials("demo-backend", "demo-backend-secret", "system/*.rs");
        assertThat(token.status()).as(token.body()).isEqualTo(200);
        return token.json().path("access_token").asText();
    }

    private Http.Response fhirGet(String path, String token) {
        return token == null
                ? http.get(fhirServer.baseUrl() + path, "Accept", "application/fhir+json")
                : http.get(fhirServer.baseUrl() + path, "Accept", "application/fhir+json", "Authorization", "Bearer " + token);
    }

    @Test
    void refusesDataRequestsWithoutAToken() {
        Http.Response response = fhirGet("/Patient", null);

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.header("WWW-Authenticate")).hasValueSatisfying(value -> assertThat(value).startsWith("Bearer"));
        assertThat(response.json().path("resourceType").asText()).isEqualTo("OperationOutcome");
    }

    @Test
    void refusesATokenKeycloakDidNotIssue() {
        assertThat(fhirGet("/Patient", "not-a-token").status()).isEqualTo(401);
        String forged = backendToken().replaceFirst("\\.[^.]+$", ".c2lnbmF0dXJl");
        assertThat(fhirGet("/Patient", forged).status()).isEqualTo(401);
    }

    @Test
    void answersWithATokenFromKeycloak() {
        Http.Response response = fhirGet("/Patient?name=shaw", backendToken());

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.json().path("resourceType").asText()).isEqualTo("Bundle");
        assertThat(resourceIds(response.json())).contains("amy-shaw", "ben-shaw");
    }

    @Test
    void answersAClinicianTokenFromARealLogin() {
        String token = new SmartAppFlow(realm.getBaseUrl(), TestApps.PublicApp.CLIENT_ID)
                .tokens("openid user/Patient.rs", demoUsers.practitioner()).path("access_token").asText();

        Http.Response response = fhirGet("/" + demoUsers.patient().fhirUser(), token);

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.json().path("id").asText()).isEqualTo(patientId());
    }

    @Test
    void aTokenWithoutResourceScopesGetsNoData() {
        String token = new TokenEndpoint(realm.getBaseUrl()).clientCredentials("demo-backend", "demo-backend-secret", null)
                .json().path("access_token").asText();

        Http.Response response = fhirGet("/Patient", token);

        assertThat(response.status()).isEqualTo(403);
        assertThat(response.json().path("issue").get(0).path("code").asText()).isEqualTo("forbidden");
    }

    @Test
    void aPatientTokenSeesOnlyItsPatientsCompartment() {
        new RealmFixtures(realm).publicClientWithPatient(PATIENT_APP, List.of("patient/*.rs"), patientId());
        String token = new SmartAppFlow(realm.getBaseUrl(), PATIENT_APP)
                .tokens("openid patient/*.rs", demoUsers.patient()).path("access_token").asText();

        JsonNode observations = fhirGet("/Observation?_count=100", token).json();
        assertThat(observations.path("total").asInt()).isPositive();
        observations.path("entry").forEach(entry -> assertThat(entry.path("resource").path("subject").path("reference").asText())
                .isEqualTo("Patient/" + patientId()));
        assertThat(resourceIds(fhirGet("/Patient", token).json())).containsExactly(patientId());
        // Outside the compartment a resource is as unknown as a missing one: no existence oracle (review L2).
        assertThat(fhirGet("/Patient/ben-shaw", token).status()).isEqualTo(404);
        String otherPatientsObservation = fhirGet("/Observation?patient=ben-shaw&_count=1", backendToken()).json()
                .path("entry").get(0).path("resource").path("id").asText();
        assertThat(fhirGet("/Observation/" + otherPatientsObservation, token).status()).isEqualTo(404);
        assertThat(fhirGet("/Observation/no-such-observation", token).status()).isEqualTo(404);
    }

    /** Review L1: a next link works only for the user and app whose search made it. */
    @Test
    void aNextLinkServesOnlyTheTokenThatSearched() {
        RealmFixtures fixtures = new RealmFixtures(realm);
        fixtures.publicClientWithPatient(PATIENT_APP, List.of("patient/*.rs"), patientId());
        fixtures.publicClientWithPatient(OTHER_PATIENT_APP, List.of("patient/*.rs"), "ben-shaw");
        fixtures.user("ben-test", "ben-test", Map.of("fhirUser", List.of("Patient/ben-shaw")));
        String amy = patientToken(PATIENT_APP, demoUsers.patient());
        String amyInAnotherApp = patientToken(OTHER_PATIENT_APP, demoUsers.patient());
        String ben = patientToken(OTHER_PATIENT_APP,
                new DemoUsers.DemoUser("ben-test", "ben-test", "Patient/ben-shaw", List.of("ben-shaw")));

        Http.Response first = fhirGet("/Observation?_count=1", amy);
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        String next = nextLink(first.json());

        for (String other : List.of(ben, amyInAnotherApp, backendToken())) {
            Http.Response stolen = fhirGetUrl(next, other);
            assertThat(stolen.status()).as(stolen.body()).isEqualTo(403);
            assertThat(stolen.body()).doesNotContain(patientId());
        }
        Http.Response second = fhirGetUrl(next, amy);
        assertThat(second.status()).as(second.body()).isEqualTo(200);
        assertThat(second.json().path("entry").get(0).path("resource").path("subject").path("reference").asText())
                .isEqualTo("Patient/" + patientId());
        assertThat(fhirGetUrl(nextLink(second.json()), amy).status()).isEqualTo(200);
    }

    /** Review L2: {@code system/} scopes in a user's token reach nothing, even when Keycloak grants them. */
    @Test
    void systemScopesInAUsersTokenAreNotHonoured() {
        new RealmFixtures(realm).publicClient(SYSTEM_CEILING_APP, List.of("system/*.rs"));
        JsonNode tokens = new SmartAppFlow(realm.getBaseUrl(), SYSTEM_CEILING_APP)
                .tokens("openid system/*.rs", demoUsers.patient());
        String token = tokens.path("access_token").asText();

        Http.Response response = fhirGet("/Patient?name=shaw", token);

        assertThat(response.status()).as(response.body()).isEqualTo(403);
        assertThat(response.json().path("issue").get(0).path("code").asText()).isEqualTo("forbidden");
        assertThat(fhirGet("/Patient/ben-shaw", token).status()).isEqualTo(403);
        // A service account's system/ scopes still work.
        assertThat(fhirGet("/Patient?name=shaw", backendToken()).status()).isEqualTo(200);
    }

    /** Review L2: the server says what user/ scopes reach. */
    @Test
    void theCapabilityStatementStatesWhatUserScopesReach() {
        String description = fhirGet("/metadata", null).json().path("rest").get(0).path("security")
                .path("description").asText();

        assertThat(description).contains("user/ scopes reach every matching resource");
    }

    @Test
    void aGranularScopeReachesOnlyItsCategory() {
        String lab = "http://terminology.hl7.org/CodeSystem/observation-category|laboratory";
        new RealmFixtures(realm).publicClientWithPatient(PATIENT_APP, List.of("patient/*.rs"), patientId());
        String token = new SmartAppFlow(realm.getBaseUrl(), PATIENT_APP)
                .tokens("openid patient/Observation.rs?category=" + lab, demoUsers.patient()).path("access_token").asText();

        Http.Response labResults = fhirGet("/Observation?category=" + java.net.URLEncoder.encode(lab, java.nio.charset.StandardCharsets.UTF_8), token);
        assertThat(labResults.status()).as(labResults.body()).isEqualTo(200);
        assertThat(labResults.json().path("total").asInt()).isPositive();
        assertThat(fhirGet("/Observation", token).status()).isEqualTo(403);
        assertThat(fhirGet("/Condition", token).status()).isEqualTo(403);
    }

    @Test
    void aRevokedTokenStopsWorkingAtOnce() {
        String token = backendToken();
        assertThat(fhirGet("/Patient?_count=1", token).status()).isEqualTo(200);

        Http.Response revoked = http.postForm(realm.getBaseUrl() + "/protocol/openid-connect/revoke",
                Map.of("token", token, "token_type_hint", "access_token"),
                "Authorization", Http.basic("demo-backend", "demo-backend-secret"));
        assertThat(revoked.status()).isEqualTo(200);

        assertThat(fhirGet("/Patient?_count=1", token).status()).isEqualTo(401);
    }

    @Test
    void everyDemoUsersRecordIsOnTheServer() {
        String token = backendToken();
        List<String> references = new ArrayList<>();
        references.add(demoUsers.patient().fhirUser());
        references.add(demoUsers.practitioner().fhirUser());
        demoUsers.patient().patientIds().forEach(id -> references.add("Patient/" + id));

        for (String reference : references) {
            assertThat(fhirGet("/" + reference, token).status()).as(reference).isEqualTo(200);
        }
    }

    @Test
    void servesKeycloaksSmartConfigurationAtTheFhirBase() {
        Http.Response atFhirBase = http.get(fhirServer.baseUrl() + "/.well-known/smart-configuration",
                "Accept", "application/json");
        JsonNode fromKeycloak = http.get(realm.getBaseUrl() + "/.well-known/smart-configuration").json();

        assertThat(atFhirBase.status()).isEqualTo(200);
        assertThat(atFhirBase.header("Location")).isEmpty();
        assertThat(atFhirBase.header("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        assertThat(atFhirBase.json()).isEqualTo(fromKeycloak);
    }

    @Test
    void theCapabilityStatementIsOpenAndPointsAtKeycloak() {
        Http.Response metadata = fhirGet("/metadata", null);
        JsonNode smart = http.get(realm.getBaseUrl() + "/.well-known/smart-configuration").json();

        assertThat(metadata.status()).isEqualTo(200);
        Map<String, String> oauthUris = oauthUris(metadata.json());
        assertThat(oauthUris).containsEntry("authorize", smart.path("authorization_endpoint").asText())
                .containsEntry("token", smart.path("token_endpoint").asText())
                .containsEntry("introspect", smart.path("introspection_endpoint").asText())
                .containsEntry("revoke", smart.path("revocation_endpoint").asText())
                .containsEntry("manage", smart.path("management_endpoint").asText());
    }

    /** Inferno D6 (smart_cors_metadata_request): the CapabilityStatement is readable from a browser app. */
    @Test
    void infernoD6TheCapabilityStatementAllowsCrossOriginReads() {
        Http.Response metadata = http.get(fhirServer.baseUrl() + "/metadata", "Origin", "https://inferno.example");

        assertThat(metadata.status()).isEqualTo(200);
        assertThat(metadata.header("Access-Control-Allow-Origin")).hasValueSatisfying(
                origin -> assertThat(origin).isIn("*", "https://inferno.example"));
    }

    private String patientToken(String clientId, DemoUsers.DemoUser user) {
        return new SmartAppFlow(realm.getBaseUrl(), clientId).tokens("openid patient/*.rs", user)
                .path("access_token").asText();
    }

    private Http.Response fhirGetUrl(String url, String token) {
        return http.get(url, "Accept", "application/fhir+json", "Authorization", "Bearer " + token);
    }

    private static String nextLink(JsonNode bundle) {
        for (JsonNode link : bundle.path("link")) {
            if ("next".equals(link.path("relation").asText())) {
                return link.path("url").asText();
            }
        }
        throw new AssertionError("no next link in " + bundle);
    }

    private String patientId() {
        return demoUsers.patient().fhirUser().substring("Patient/".length());
    }

    private static List<String> resourceIds(JsonNode bundle) {
        List<String> ids = new ArrayList<>();
        bundle.path("entry").forEach(entry -> ids.add(entry.path("resource").path("id").asText()));
        return ids;
    }

    private static Map<String, String> oauthUris(JsonNode capabilityStatement) {
        Map<String, String> uris = new java.util.HashMap<>();
        capabilityStatement.path("rest").get(0).path("security").path("extension").forEach(extension -> {
            if (extension.path("url").asText().endsWith("/oauth-uris")) {
                extension.path("extension").forEach(uri -> uris.put(uri.path("url").asText(), uri.path("valueUri").asText()));
            }
        });
        return uris;
    }
}
