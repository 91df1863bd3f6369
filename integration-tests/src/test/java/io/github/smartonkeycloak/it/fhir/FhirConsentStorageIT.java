package io.github.smartonkeycloak.it.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.smartonkeycloak.it.support.Http;
import io.github.smartonkeycloak.it.support.SmartRealm;
import io.github.smartonkeycloak.it.support.SmartServerConfig;
import io.github.smartonkeycloak.it.support.TestFhirServer;
import io.github.smartonkeycloak.it.support.TokenEndpoint;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.injection.LifeCycle;
import org.keycloak.testframework.realm.ManagedRealm;
import org.keycloak.util.JsonSerialization;

/**
 * Consent records and audit events on the demo FHIR server, with real Keycloak tokens: the pack's FHIR service client
 * ({@code smart-fhir-reader}) writes them, the demo backend client ({@code demo-backend}) finds a consent by patient,
 * status and app, and withdraws it with a PUT, as the automation contract says.
 */
@KeycloakIntegrationTest(config = SmartServerConfig.class)
class FhirConsentStorageIT {

    private static final String PATIENT = "amy-shaw";
    private static final String APPS = "http://localhost:8080/realms/" + SmartRealm.NAME + "/clients";
    private static final String APP = "consent-records-it-app";
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();

    @InjectRealm(fromJson = SmartRealm.JSON, config = SmartRealm.FreshId.class, lifecycle = LifeCycle.GLOBAL)
    ManagedRealm realm;

    @Test
    void theBackendFindsAndWithdrawsTheConsentThePackRecordedAndSeesTheAuditEvent() {
        String pack = token("smart-fhir-reader", secretOf("smart-fhir-reader"),
                "system/Consent.crus system/AuditEvent.c");
        String backend = token("demo-backend", "demo-backend-secret",
                "system/Consent.rs system/Consent.u system/AuditEvent.rs");

        HttpResponse<String> created = send("POST", "/Consent", consent(), pack);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String id = json(created.body()).path("id").asText();
        HttpResponse<String> audited = send("POST", "/AuditEvent", auditEvent(), pack);
        assertThat(audited.statusCode()).as(audited.body()).isEqualTo(201);
        String eventId = json(audited.body()).path("id").asText();

        JsonNode active = search("/Consent?patient=" + PATIENT + "&status=active", backend);
        assertThat(ids(active)).contains(id);
        assertThat(ids(search("/Consent?actor:identifier=" + encode(APPS + "|" + APP), backend))).containsExactly(id);
        JsonNode record = entry(active, id);
        assertThat(record.at("/provision/actor/0/reference/identifier/value").asText()).isEqualTo(APP);

        ((ObjectNode) record).put("status", "inactive");
        HttpResponse<String> withdrawn = send("PUT", "/Consent/" + id, record.toString(), backend);
        assertThat(withdrawn.statusCode()).as(withdrawn.body()).isEqualTo(200);
        assertThat(ids(search("/Consent?patient=" + PATIENT + "&status=active", backend))).doesNotContain(id);
        assertThat(ids(search("/Consent?patient=" + PATIENT + "&status=inactive", backend))).contains(id);

        assertThat(ids(search("/AuditEvent?patient=" + PATIENT, backend))).contains(eventId);
        // The backend reads and withdraws; it does not write new records.
        assertThat(send("POST", "/Consent", consent(), backend).statusCode()).isEqualTo(403);
    }

    private String token(String clientId, String secret, String scope) {
        Http.Response response = new TokenEndpoint(realm.getBaseUrl()).clientCredentials(clientId, secret, scope);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.json().path("scope").asText().split(" ")).as(clientId).contains(scope.split(" "));
        return response.json().path("access_token").asText();
    }

    private String secretOf(String clientId) {
        ClientRepresentation client = realm.admin().clients().findByClientId(clientId).get(0);
        return realm.admin().clients().get(client.getId()).getSecret().getValue();
    }

    private static JsonNode search(String pathAndQuery, String token) {
        HttpResponse<String> response = send("GET", pathAndQuery, null, token);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response.body());
    }

    private static HttpResponse<String> send(String method, String path, String body, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(TestFhirServer.baseUrl() + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/fhir+json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/fhir+json");
        }
        try {
            return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String consent() {
        return """
                {"resourceType": "Consent", "status": "active",
                 "scope": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/consentscope",
                                       "code": "patient-privacy"}]},
                 "category": [{"coding": [{"system": "http://loinc.org", "code": "59284-0"}]}],
                 "patient": {"reference": "Patient/%s"},
                 "dateTime": "2026-12-05T12:00:00Z",
                 "provision": {"type": "permit",
                               "actor": [{"role": {"coding": [{"system":
                                   "http://terminology.hl7.org/CodeSystem/v3-ParticipationType", "code": "IRCP"}]},
                                          "reference": {"identifier": {"system": "%s", "value": "%s"}}}]}}
                """.formatted(PATIENT, APPS, APP);
    }

    private static String auditEvent() {
        return """
                {"resourceType": "AuditEvent",
                 "type": {"system": "http://dicom.nema.org/resources/ontology/DCM", "code": "110114"},
                 "action": "E", "recorded": "2026-12-05T12:00:00Z", "outcome": "0",
                 "agent": [{"requestor": true, "who": {"identifier": {"system": "%s", "value": "%s"}}}],
                 "source": {"observer": {"display": "keycloak"}},
                 "entity": [{"what": {"reference": "Patient/%s"}}]}
                """.formatted(APPS, APP, PATIENT);
    }

    private static List<String> ids(JsonNode bundle) {
        List<String> ids = new ArrayList<>();
        bundle.path("entry").forEach(entry -> ids.add(entry.path("resource").path("id").asText()));
        return ids;
    }

    private static JsonNode entry(JsonNode bundle, String id) {
        for (JsonNode entry : bundle.path("entry")) {
            if (id.equals(entry.path("resource").path("id").asText())) {
                return entry.path("resource");
            }
        }
        throw new AssertionError("No " + id + " in " + bundle);
    }

    private static JsonNode json(String body) {
        try {
            return JsonSerialization.mapper.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
