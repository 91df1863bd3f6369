package io.github.smartonkeycloak.it.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.github.smartonkeycloak.it.support.BrowserlessLogin;
import io.github.smartonkeycloak.it.support.DemoUsers;
import io.github.smartonkeycloak.it.support.Http;
import io.github.smartonkeycloak.it.support.LaunchApi;
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
 * The audit trail on a real Keycloak: a real EHR launch, code exchange, refresh, RFC 7009 revocation, client
 * credentials and a denied consent each leave a BALP AuditEvent, as one JSON line in the server log
 * ({@code smart.auditSink} = {@code log}) or POSTed to the FHIR server ({@code fhir}; here a small receiver started
 * by the test, until the demo FHIR server stores AuditEvents). And the server log never names the demo patients.
 */
@KeycloakIntegrationTest(config = SmartServerConfig.class)
class AuditTrailIT {

    private static final String APP = "audit-test-app";
    private static final String CONSENT_APP = "audit-consent-app";
    private static final String BACKEND = "audit-backend";
    private static final String BACKEND_SECRET = "audit-backend-secret";
    private static final String EHR_SCOPE = "launch openid fhirUser patient/*.rs";

    @InjectRealm(fromJson = SmartRealm.JSON, config = SmartRealm.FreshId.class, lifecycle = LifeCycle.GLOBAL)
    ManagedRealm realm;

    private final DemoUsers users = DemoUsers.load();
    private RealmFixtures fixtures;

    @BeforeEach
    void appsAndTheLogSink() {
        fixtures = new RealmFixtures(realm);
        fixtures.publicClient(APP, List.of("launch", "launch/patient", "fhirUser", "offline_access", "patient/*.rs"));
        fixtures.publicClient(CONSENT_APP, List.of("launch/patient", "fhirUser", "patient/*.rs"), true);
        fixtures.backendClient(BACKEND, BACKEND_SECRET, List.of("system/*.rs"));
        fixtures.realmAttribute("smart.auditSink", "log");
    }

    @Test
    void eachSecurityEventIsOneAuditEventLineInTheServerLog() throws Exception {
        // Consent decisions in Keycloak here: this test is about the events, whatever the consent store.
        fixtures.realmAttribute("smart.consentStore", "keycloak");
        ServerLog log = ServerLog.fromNow();
        TokenEndpoint tokenEndpoint = new TokenEndpoint(realm.getBaseUrl());

        String launch = new LaunchApi(realm.getBaseUrl()).register(Map.of("client_id", APP, "patient", "amy-shaw",
                "user", users.practitioner().username()));
        JsonNode tokens = new SmartAppFlow(realm.getBaseUrl(), APP).with("launch", launch).tokens(EHR_SCOPE, users.practitioner());
        JsonNode refreshed = tokenEndpoint.refreshAsPublicClient(tokens.path("refresh_token").asText(), APP, null).json();
        assertThat(Http.plain().postForm(realm.getBaseUrl() + "/protocol/openid-connect/revoke", Map.of(
                "token", refreshed.path("refresh_token").asText(), "token_type_hint", "refresh_token", "client_id", APP))
                .status()).isEqualTo(200);
        assertThat(tokenEndpoint.clientCredentials(BACKEND, BACKEND_SECRET, "system/Patient.rs").status()).isEqualTo(200);
        BrowserlessLogin denying = new BrowserlessLogin(realm.getBaseUrl()).choosingPatient("amy-shaw").denyingConsent();
        Map<String, String> denied = new SmartAppFlow(realm.getBaseUrl(), CONSENT_APP).inBrowser(denying)
                .authorize("launch/patient openid patient/Patient.rs", users.patient()).redirect();
        assertThat(denied).containsEntry("error", "access_denied");

        List<JsonNode> events = log.auditEventsWhen(found -> has(found, subtype("launch-created"))
                && has(found, authorization(APP, "0")) && has(found, grant("authorization_code"))
                && has(found, grant("refresh_token")) && has(found, subtype("token-revoked"))
                && has(found, grant("client_credentials").and(app(BACKEND))) && has(found, authorization(CONSENT_APP, "8")));

        String practitioner = users.practitioner().fhirUser();
        JsonNode launched = only(events, subtype("launch-created"));
        assertThat(launched.path("action").asText()).isEqualTo("C");
        assertThat(agentWho(launched, "110153").path("identifier").path("value").asText()).isEqualTo(LaunchApi.EHR_CLIENT);
        assertThat(agentWho(launched, "110150").path("identifier").path("value").asText()).isEqualTo(APP);
        assertThat(agentWho(launched, "IRCP").path("reference").asText()).isEqualTo(practitioner);
        assertThat(patient(launched)).isEqualTo("Patient/amy-shaw");

        JsonNode granted = only(events, authorization(APP, "0"));
        assertThat(agentWho(granted, "IRCP").path("reference").asText()).isEqualTo(practitioner);
        assertThat(patient(granted)).isEqualTo("Patient/amy-shaw");
        assertThat(granted.path("source").path("observer").path("identifier").path("value").asText())
                .isEqualTo(realm.getBaseUrl());

        for (String grant : List.of("authorization_code", "refresh_token")) {
            JsonNode issued = only(events, grant(grant));
            assertThat(issued.path("outcome").asText()).isEqualTo("0");
            assertThat(agentWho(issued, "110150").path("identifier").path("value").asText()).isEqualTo(APP);
            assertThat(agentWho(issued, "IRCP").path("reference").asText()).isEqualTo(practitioner);
            assertThat(patient(issued)).as(grant).isEqualTo("Patient/amy-shaw");
        }

        JsonNode revoked = only(events, subtype("token-revoked"));
        assertThat(revoked.path("outcome").asText()).isEqualTo("0");
        assertThat(agentWho(revoked, "110150").path("identifier").path("value").asText()).isEqualTo(APP);

        JsonNode client = only(events, grant("client_credentials").and(app(BACKEND)));
        JsonNode backend = agent(client, "110150");
        assertThat(backend.path("who").path("identifier").path("value").asText()).isEqualTo(BACKEND);
        assertThat(backend.path("requestor").asBoolean()).as("no user: the app asked").isTrue();

        JsonNode deny = only(events, authorization(CONSENT_APP, "8"));
        // The app gets access_denied; Keycloak's event says why.
        assertThat(deny.path("outcomeDesc").asText()).isEqualTo("consent_denied");
        assertThat(patient(deny)).isEqualTo("Patient/amy-shaw");
        assertThat(deny.path("subtype").get(0).path("code").asText()).isEqualTo("AuthZ-Consent");
        assertThat(agentWho(deny, "IRCP").path("reference").asText()).isEqualTo(users.patient().fhirUser());
    }

    @Test
    void aConsentDecisionRecordedInFhirIsAConsentEventToo() throws Exception {
        fixtures.realmAttribute("smart.consentStore", "fhir");
        assumeTrue(fhirServerStoresConsent(), "the demo FHIR server does not store Consent yet (branch fhirstore)");
        ServerLog log = ServerLog.fromNow();
        BrowserlessLogin login = new BrowserlessLogin(realm.getBaseUrl()).choosingPatient("amy-shaw");

        JsonNode tokens = new SmartAppFlow(realm.getBaseUrl(), CONSENT_APP).inBrowser(login)
                .tokens("launch/patient openid fhirUser patient/Patient.rs", users.patient());
        assertThat(tokens.path("access_token").isTextual()).isTrue();

        Predicate<JsonNode> consentEvent = subtype("consent-recorded").or(subtype("consent-changed"));
        List<JsonNode> events = log.auditEventsWhen(found -> has(found, consentEvent) && has(found, authorization(CONSENT_APP, "0")));
        JsonNode granted = only(events, authorization(CONSENT_APP, "0"));
        assertThat(granted.path("subtype").get(0).path("code").asText()).isEqualTo("AuthZ-Consent");
        JsonNode consent = only(events, consentEvent);
        assertThat(agentWho(consent, "IRCP").path("reference").asText()).isEqualTo(users.patient().fhirUser());
        assertThat(agentWho(consent, "110150").path("identifier").path("value").asText()).isEqualTo(CONSENT_APP);
        assertThat(patient(consent)).isEqualTo("Patient/amy-shaw");
        assertThat(consent.path("entity").findValuesAsText("reference")).anyMatch(reference -> reference.startsWith("Consent/"));
    }

    @Test
    void aReusedRefreshTokenEndsTheTokenFamilyAndThatIsAudited() throws Exception {
        fixtures.realmAttribute("smart.consentStore", "keycloak");
        ServerLog log = ServerLog.fromNow();
        TokenEndpoint tokenEndpoint = new TokenEndpoint(realm.getBaseUrl());
        String launch = new LaunchApi(realm.getBaseUrl()).register(Map.of("client_id", APP, "patient", "amy-shaw"));
        JsonNode tokens = new SmartAppFlow(realm.getBaseUrl(), APP).with("launch", launch).tokens(EHR_SCOPE, users.practitioner());
        String first = tokens.path("refresh_token").asText();
        assertThat(tokenEndpoint.refreshAsPublicClient(first, APP, null).status()).isEqualTo(200);

        assertThat(tokenEndpoint.refreshAsPublicClient(first, APP, null).status()).as("the rotated token, again").isEqualTo(400);

        List<JsonNode> events = log.auditEventsWhen(found -> has(found, subtype("token-family-revoked")));
        JsonNode family = only(events, subtype("token-family-revoked"));
        assertThat(family.path("outcome").asText()).isEqualTo("0");
        assertThat(family.path("action").asText()).isEqualTo("D");
        assertThat(agentWho(family, "110150").path("identifier").path("value").asText()).isEqualTo(APP);
        assertThat(agentWho(family, "IRCP").path("reference").asText()).isEqualTo(users.practitioner().fhirUser());
        // A refused request issued no token, so its AuditEvent names none.
        JsonNode refused = only(events, event -> event.path("type").path("code").asText().equals("110114")
                && event.path("outcome").asText().equals("4"));
        assertThat(refused.path("outcomeDesc").asText()).isEqualTo("invalid_token");
        assertThat(agentWho(refused, "110150").path("identifier").path("value").asText()).isEqualTo(APP);
    }

    @Test
    void offWritesNothing() throws Exception {
        fixtures.realmAttribute("smart.auditSink", "off");
        ServerLog log = ServerLog.fromNow();

        assertThat(new TokenEndpoint(realm.getBaseUrl()).clientCredentials(BACKEND, BACKEND_SECRET, "system/Patient.rs")
                .status()).isEqualTo(200);
        fixtures.realmAttribute("smart.auditSink", "log");
        assertThat(new TokenEndpoint(realm.getBaseUrl()).clientCredentials(BACKEND, BACKEND_SECRET, "system/Patient.rs")
                .status()).isEqualTo(200);

        List<JsonNode> events = log.auditEventsWhen(found -> has(found, grant("client_credentials")));
        assertThat(events.stream().filter(grant("client_credentials").and(app(BACKEND))).count()).as("only the one while log was set").isEqualTo(1);
    }

    @Test
    void theFhirSinkPostsAuditEventsWithTheServiceToken() throws Exception {
        List<String[]> received = new CopyOnWriteArrayList<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/fhir/AuditEvent", exchange -> {
            received.add(new String[] {exchange.getRequestMethod(), exchange.getRequestHeaders().getFirst("Authorization"),
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)});
            byte[] body = "{\"resourceType\":\"AuditEvent\",\"id\":\"1\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(201, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        receiver.start();
        try {
            fixtures.realmAttribute("smart.fhirBaseUrls", "http://127.0.0.1:" + receiver.getAddress().getPort() + "/fhir");
            fixtures.realmAttribute("smart.auditSink", "fhir");

            assertThat(new TokenEndpoint(realm.getBaseUrl()).clientCredentials(BACKEND, BACKEND_SECRET, "system/Patient.rs")
                    .status()).isEqualTo(200);

            long deadline = System.nanoTime() + 15_000_000_000L;
            while (received.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertThat(received).isNotEmpty();
            String[] post = received.get(0);
            assertThat(post[0]).isEqualTo("POST");
            assertThat(post[1]).startsWith("Bearer ey");
            JsonNode event = JsonSerialization.mapper.readTree(post[2]);
            assertThat(event.path("resourceType").asText()).isEqualTo("AuditEvent");
            assertThat(grant("client_credentials").and(app(BACKEND)).test(event)).isTrue();
        } finally {
            receiver.stop(0);
        }
    }

    /** Run after the other tests of the suite or alone: either way the log holds logins, launches and FHIR reads. */
    @Test
    void theServerLogNeverNamesTheDemoPatients() throws IOException {
        List<String> phi = new ArrayList<>();
        String token = new TokenEndpoint(realm.getBaseUrl()).clientCredentials(BACKEND, BACKEND_SECRET, "system/Patient.rs")
                .json().path("access_token").asText();
        for (String id : users.patient().patientIds()) {
            JsonNode patient = Http.plain().get(TestFhirServer.baseUrl() + "/Patient/" + id, "Authorization", "Bearer " + token).json();
            for (JsonNode name : patient.path("name")) {
                phi.add(name.path("text").asText());
                phi.add(name.path("family").asText());
                name.path("given").forEach(given -> phi.add(given.asText()));
            }
            phi.add(patient.path("birthDate").asText());
        }
        phi.removeIf(String::isBlank);
        assertThat(phi).as("names and birth dates read from the demo FHIR server").hasSizeGreaterThan(3);

        String log = ServerLog.everything();
        assertThat(log).contains(ServerLog.AUDIT_CATEGORY);
        for (String value : phi) {
            // Whole words as the demo data spells them: ids such as amy-shaw are lower case.
            assertThat(Pattern.compile("\\b" + Pattern.quote(value) + "\\b").matcher(log).find())
                    .as("the server log names " + value).isFalse();
        }
    }

    private boolean fhirServerStoresConsent() {
        String token = new TokenEndpoint(realm.getBaseUrl()).clientCredentials(BACKEND, BACKEND_SECRET, "system/*.rs")
                .json().path("access_token").asText();
        return Http.plain().get(TestFhirServer.baseUrl() + "/Consent?patient=amy-shaw", "Authorization", "Bearer " + token)
                .status() != 404;
    }

    private static boolean has(List<JsonNode> events, Predicate<JsonNode> match) {
        return events.stream().anyMatch(match);
    }

    private static JsonNode only(List<JsonNode> events, Predicate<JsonNode> match) {
        List<JsonNode> found = events.stream().filter(match).toList();
        assertThat(found).as("AuditEvents matching, of " + events).hasSize(1);
        return found.get(0);
    }

    private static Predicate<JsonNode> subtype(String code) {
        return event -> event.path("subtype").findValuesAsText("code").contains(code);
    }

    private static Predicate<JsonNode> grant(String grantType) {
        return event -> event.path("type").path("code").asText().equals("110114")
                && event.path("entity").findValuesAsText("valueString").contains(grantType);
    }

    private static Predicate<JsonNode> authorization(String clientId, String outcome) {
        return event -> event.path("type").path("code").asText().equals("110113")
                && event.path("subtype").findValuesAsText("system").contains("https://profiles.ihe.net/ITI/BALP/CodeSystem/AuthZsubType")
                && event.path("outcome").asText().equals(outcome)
                && app(clientId).test(event);
    }

    private static Predicate<JsonNode> app(String clientId) {
        return event -> clientId.equals(agentOrNull(event, "110150"));
    }

    private static String agentOrNull(JsonNode event, String type) {
        for (JsonNode agent : event.path("agent")) {
            if (agent.path("type").path("coding").get(0).path("code").asText().equals(type)) {
                return agent.path("who").path("identifier").path("value").asText();
            }
        }
        return null;
    }

    private static JsonNode agent(JsonNode event, String type) {
        for (JsonNode agent : event.path("agent")) {
            if (agent.path("type").path("coding").get(0).path("code").asText().equals(type)) {
                return agent;
            }
        }
        throw new AssertionError("no agent " + type + " in " + event);
    }

    private static JsonNode agentWho(JsonNode event, String type) {
        return agent(event, type).path("who");
    }

    private static String patient(JsonNode event) {
        for (JsonNode entity : event.path("entity")) {
            if (entity.path("role").path("code").asText().equals("1")) {
                return entity.path("what").path("reference").asText();
            }
        }
        return null;
    }
}
