package io.github.smartonkeycloak.it.consent;

import static io.github.smartonkeycloak.it.support.SmartAppFlow.scopes;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.smartonkeycloak.it.support.AccountConsole;
import io.github.smartonkeycloak.it.support.BrowserlessLogin;
import io.github.smartonkeycloak.it.support.DemoUsers;
import io.github.smartonkeycloak.it.support.FhirConsents;
import io.github.smartonkeycloak.it.support.Http;
import io.github.smartonkeycloak.it.support.Pkce;
import io.github.smartonkeycloak.it.support.RealmFixtures;
import io.github.smartonkeycloak.it.support.SmartAppFlow;
import io.github.smartonkeycloak.it.support.SmartRealm;
import io.github.smartonkeycloak.it.support.SmartServerConfig;
import io.github.smartonkeycloak.it.support.TestFhirServer;
import io.github.smartonkeycloak.it.support.TokenEndpoint;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.injection.LifeCycle;
import org.keycloak.testframework.realm.ManagedRealm;
import org.keycloak.util.JsonSerialization;

/**
 * With the shipped consent store ({@code smart.consentStore=fhir}) every SMART consent decision is a FHIR Consent
 * on the demo FHIR server, and that record decides in real time: withdrawn on the FHIR server, the app's tokens stop
 * (refresh {@code invalid_grant}, introspection inactive, the offline grant ended by the poll); withdrawn in Keycloak
 * (account console, RFC 7009), the record becomes inactive; a patient's standing deny means no code; a FHIR server
 * that cannot be reached means no token.
 */
@KeycloakIntegrationTest(config = SmartServerConfig.class)
class ConsentRecordsIT {

    private static final String SCOPE = "launch/patient openid offline_access patient/Patient.rs patient/Observation.rs patient/Condition.rs";

    @InjectRealm(fromJson = SmartRealm.JSON, config = SmartRealm.FreshId.class, lifecycle = LifeCycle.GLOBAL)
    ManagedRealm realm;

    private final DemoUsers.DemoUser amy = DemoUsers.load().patient();
    private FhirConsents consents;
    private TokenEndpoint tokens;

    @BeforeEach
    void readConsentOnEveryRequest() {
        TestFhirServer.ensureRunning();
        new RealmFixtures(realm).realmAttribute("smart.consentCacheSeconds", "0");
        consents = new FhirConsents(realm.getBaseUrl());
        tokens = new TokenEndpoint(realm.getBaseUrl());
    }

    private JsonNode launch(String app, String patient) {
        return new SmartAppFlow(realm.getBaseUrl(), app)
                .inBrowser(new BrowserlessLogin(realm.getBaseUrl()).choosingPatient(patient)).tokens(SCOPE, amy);
    }

    private void app(String clientId) {
        new RealmFixtures(realm).publicClient(clientId, List.of("launch/patient", "offline_access", "patient/*.rs"), true);
    }

    @Test
    void aConsentDecisionIsAFhirConsentThatNamesTheAppAndChangesWithTheGrant() {
        app("records-app");
        launch("records-app", "amy-shaw");

        JsonNode record = consents.ofApp("amy-shaw", "records-app").orElseThrow();
        assertThat(record.path("status").asText()).isEqualTo("active");
        assertThat(record.path("patient").path("reference").asText()).isEqualTo("Patient/amy-shaw");
        assertThat(record.path("performer").path(0).path("reference").asText()).isEqualTo(amy.fhirUser());
        assertThat(record.toString()).contains("patient/Condition.rs", "patient/Observation.rs");

        BrowserlessLogin narrower = new BrowserlessLogin(realm.getBaseUrl()).choosingPatient("amy-shaw")
                .consenting(checked -> checked.stream().filter(scope -> !scope.startsWith("patient/Condition")).toList());
        JsonNode second = new SmartAppFlow(realm.getBaseUrl(), "records-app").inBrowser(narrower)
                .with("prompt", "consent").tokens(SCOPE, amy);
        assertThat(scopes(second.path("scope").asText())).doesNotContain("patient/Condition.rs");

        JsonNode changed = consents.ofApp("amy-shaw", "records-app").orElseThrow();
        assertThat(changed.path("id").asText()).as("the same record, updated").isEqualTo(record.path("id").asText());
        assertThat(changed.toString()).doesNotContain("patient/Condition.rs").contains("patient/Observation.rs");
    }

    @Test
    void withdrawnOnTheFhirServerTheTokensStop() {
        app("withdrawn-app");
        JsonNode granted = launch("withdrawn-app", "amy-shaw");
        assertThat(introspect(granted.path("access_token").asText()).path("active").asBoolean()).isTrue();

        consents.setStatus(consents.ofApp("amy-shaw", "withdrawn-app").orElseThrow(), "inactive");

        Http.Response refresh = tokens.refreshAsPublicClient(granted.path("refresh_token").asText(), "withdrawn-app", null);
        assertThat(refresh.status()).as(refresh.body()).isEqualTo(400);
        assertThat(refresh.json().path("error").asText()).isEqualTo("invalid_grant");
        assertThat(refresh.json().path("error_description").asText()).contains("no active Consent permits this grant");
        assertThat(introspect(granted.path("access_token").asText()).path("active").asBoolean()).isFalse();
    }

    @Test
    void withdrawnOnTheFhirServerIntrospectionAnswersInactiveAtOnce() {
        app("introspected-app");
        JsonNode granted = launch("introspected-app", "amy-shaw");
        consents.setStatus(consents.ofApp("amy-shaw", "introspected-app").orElseThrow(), "inactive");

        assertThat(introspect(granted.path("access_token").asText()).path("active").asBoolean()).isFalse();
        Http.Response refresh = tokens.refreshAsPublicClient(granted.path("refresh_token").asText(), "introspected-app", null);
        assertThat(refresh.json().path("error").asText()).as("the introspection ended the grant").isEqualTo("invalid_grant");
    }

    @Test
    void withdrawnOnTheFhirServerTheOfflineGrantEndsWithoutAnyRequest() {
        app("poll-app");
        launch("poll-app", "amy-shaw");
        String amyId = realm.admin().users().search(amy.username(), true).get(0).getId();
        String clientUuid = realm.admin().clients().findByClientId("poll-app").get(0).getId();
        assertThat(realm.admin().users().get(amyId).getOfflineSessions(clientUuid)).isNotEmpty();

        consents.setStatus(consents.ofApp("amy-shaw", "poll-app").orElseThrow(), "inactive");

        assertThat(awaitNoOfflineSessions(amyId, clientUuid)).as("the poll (every 2 s in the tests) ended the offline grant").isEmpty();
    }

    @Test
    void aGrantMadeRightAfterAWithdrawalOutlivesThePollsThatSeeTheWithdrawal() {
        app("regrant-app");
        launch("regrant-app", "amy-shaw");
        String amyId = realm.admin().users().search(amy.username(), true).get(0).getId();
        String clientUuid = realm.admin().clients().findByClientId("regrant-app").get(0).getId();
        consents.setStatus(consents.ofApp("amy-shaw", "regrant-app").orElseThrow(), "inactive");
        assertThat(awaitNoOfflineSessions(amyId, clientUuid)).as("the poll ended the first grant").isEmpty();

        // The same user and app, a new consent for the other record, at once (most likely within the withdrawal's
        // second), while the withdrawal is still in the polls' overlap window (two intervals plus 5 s): three more
        // polls see the withdrawn record.
        JsonNode regranted = launch("regrant-app", "ben-shaw");
        sleep(6000);

        assertThat(realm.admin().users().get(amyId).getOfflineSessions(clientUuid)).as("the new grant's offline session").isNotEmpty();
        Http.Response refresh = tokens.refreshAsPublicClient(regranted.path("refresh_token").asText(), "regrant-app", null);
        assertThat(refresh.status()).as(refresh.body()).isEqualTo(200);
        assertThat(refresh.json().path("patient").asText()).isEqualTo("ben-shaw");
    }

    @Test
    void removedInTheAccountConsoleTheRecordBecomesInactive() {
        app("console-app");
        launch("console-app", "amy-shaw");

        AccountConsole.signIn(realm.getBaseUrl(), amy).revoke("console-app");

        assertThat(consents.ofApp("amy-shaw", "console-app").orElseThrow().path("status").asText()).isEqualTo("inactive");
    }

    @Test
    void aRefreshTokenRevokedByTheAppMakesTheRecordInactive() {
        app("revoking-app");
        JsonNode granted = launch("revoking-app", "amy-shaw");

        Http.Response revoked = Http.plain().postForm(realm.getBaseUrl() + "/protocol/openid-connect/revoke",
                Map.of("token", granted.path("refresh_token").asText(), "token_type_hint", "refresh_token",
                        "client_id", "revoking-app"));
        assertThat(revoked.status()).as(revoked.body()).isEqualTo(200);

        assertThat(consents.ofApp("amy-shaw", "revoking-app").orElseThrow().path("status").asText()).isEqualTo("inactive");
    }

    @Test
    void aStandingDenyOfThePatientMeansNoCode() throws Exception {
        app("denied-app");
        ObjectNode deny = (ObjectNode) JsonSerialization.mapper.readTree("""
                {"resourceType":"Consent","id":"standing-deny-ben","status":"active",
                 "scope":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/consentscope","code":"patient-privacy"}]},
                 "category":[{"coding":[{"system":"http://loinc.org","code":"59284-0"}]}],
                 "patient":{"reference":"Patient/ben-shaw"},
                 "policyRule":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/v3-ActCode","code":"OPTOUT"}]},
                 "provision":{"type":"deny"}}""");
        consents.put(deny);
        try {
            BrowserlessLogin login = new BrowserlessLogin(realm.getBaseUrl()).choosingPatient("ben-shaw");
            Map<String, String> request = new SmartAppFlow(realm.getBaseUrl(), "denied-app").request(SCOPE, Pkce.s256());
            BrowserlessLogin.Page page = login.openUntil("error", request, amy.username(), amy.password());
            assertThat(page.response().status()).isEqualTo(403);
            assertThat(page.html().text()).contains("consent preferences do not allow this app");
            assertThat(login.pagesSeen()).doesNotContain("consent");

            Http.Response cancelled = page.submit("#smart-error-actions", List.of(Map.entry("smart-action", "cancel")));
            Map<String, String> redirect = login.continueFrom(cancelled, request.get("redirect_uri"));
            assertThat(redirect).containsEntry("error", "access_denied").doesNotContainKey("code");
        } finally {
            consents.setStatus(deny, "inactive");
        }
    }

    @Test
    void aFhirServerThatCannotBeReachedMeansNoToken() {
        app("unreachable-app");
        JsonNode granted = launch("unreachable-app", "amy-shaw");

        // The store reads the first FHIR base URL; the second keeps the app's aud valid.
        new RealmFixtures(realm).realmAttribute("smart.fhirBaseUrls", "http://localhost:9/fhir " + SmartAppFlow.FHIR_BASE_URL);

        Http.Response refresh = tokens.refreshAsPublicClient(granted.path("refresh_token").asText(), "unreachable-app", null);
        assertThat(refresh.status()).as(refresh.body()).isEqualTo(400);
        assertThat(refresh.json().path("error").asText()).isEqualTo("invalid_grant");
        assertThat(refresh.json().path("error_description").asText()).contains("cannot be read");
        assertThat(introspect(granted.path("access_token").asText()).path("active").asBoolean()).isFalse();
    }

    private JsonNode introspect(String accessToken) {
        Http.Response answer = tokens.introspect(accessToken, "demo-fhir-server", "demo-fhir-server-secret");
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.json();
    }

    private List<?> awaitNoOfflineSessions(String userId, String clientUuid) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!realm.admin().users().get(userId).getOfflineSessions(clientUuid).isEmpty() && System.nanoTime() < deadline) {
            sleep(200);
        }
        return realm.admin().users().get(userId).getOfflineSessions(clientUuid);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
