package io.github.smartonkeycloak.core.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class BalpAuditEventTest {

    private static final Instant WHEN = Instant.parse("2026-12-05T10:15:30.123456Z");
    private static final String ISSUER = "https://keycloak.example/realms/smart";

    private static AuditRecord.Builder record(AuditEventKind kind) {
        return AuditRecord.of(kind, WHEN).issuer(ISSUER).clientAddress("192.0.2.7");
    }

    @Test
    void aGrantedAuthorizationFollowsBalpAuthZconsent() {
        JsonNode event = BalpAuditEvent.toJson(record(AuditEventKind.AUTHORIZATION)
                .user("0b1e-user", "Practitioner/dr-jones").client("growth-app").patient("amy-shaw")
                .consentDecision(true).consent("c-1").build());

        assertThat(event.path("resourceType").asText()).isEqualTo("AuditEvent");
        assertCoding(event.path("type"), "http://dicom.nema.org/resources/ontology/DCM", "110113");
        assertCoding(event.path("subtype").get(0), "https://profiles.ihe.net/ITI/BALP/CodeSystem/AuthZsubType", "AuthZ-Consent");
        assertThat(event.path("action").asText()).isEqualTo("E");
        assertThat(event.path("recorded").asText()).isEqualTo("2026-12-05T10:15:30.123Z");
        assertThat(event.path("outcome").asText()).isEqualTo("0");
        assertThat(event.has("outcomeDesc")).isFalse();

        JsonNode user = agent(event, "IRCP");
        assertThat(user.path("requestor").asBoolean()).isTrue();
        assertThat(user.path("who").path("reference").asText()).isEqualTo("Practitioner/dr-jones");
        assertThat(user.path("who").path("identifier").path("system").asText()).isEqualTo(ISSUER);
        assertThat(user.path("who").path("identifier").path("value").asText()).isEqualTo("0b1e-user");
        JsonNode app = agent(event, "110150");
        assertThat(app.path("requestor").asBoolean()).isFalse();
        assertThat(app.path("who").path("identifier").path("value").asText()).isEqualTo("growth-app");
        assertThat(app.path("network").path("address").asText()).isEqualTo("192.0.2.7");
        assertThat(app.path("network").path("type").asText()).isEqualTo("2");
        JsonNode server = agent(event, "authserver");
        assertThat(server.path("requestor").asBoolean()).isFalse();
        assertThat(server.path("who").path("identifier").path("value").asText()).isEqualTo(ISSUER);

        assertThat(event.path("source").path("observer").path("identifier").path("value").asText()).isEqualTo(ISSUER);
        assertCoding(event.path("source").path("type").get(0), "http://terminology.hl7.org/CodeSystem/security-source-type", "6");

        JsonNode patient = entity(event, "1");
        assertThat(patient.path("what").path("reference").asText()).isEqualTo("Patient/amy-shaw");
        assertCoding(patient.path("role"), "http://terminology.hl7.org/CodeSystem/object-role", "1");
        JsonNode consent = entity(event, "Consent");
        assertThat(consent.path("what").path("reference").asText()).isEqualTo("Consent/c-1");
    }

    @Test
    void aDeniedAuthorizationIsASeriousFailureWithTheErrorCode() {
        JsonNode event = BalpAuditEvent.toJson(record(AuditEventKind.AUTHORIZATION).user("u-1", null).client("app")
                .failure("access_denied").build());

        assertThat(event.path("outcome").asText()).isEqualTo("8");
        assertThat(event.path("outcomeDesc").asText()).isEqualTo("access_denied");
        assertCoding(event.path("subtype").get(0), "https://profiles.ihe.net/ITI/BALP/CodeSystem/AuthZsubType", "AuthZ-Role");
        assertThat(agent(event, "IRCP").path("who").has("reference")).as("no fhirUser, no reference").isFalse();
        assertThat(event.has("entity")).isFalse();
    }

    @Test
    void aTokenIssuedFollowsIuaGetAccessTokenWithTheJtiAndGrantType() {
        JsonNode event = BalpAuditEvent.toJson(record(AuditEventKind.TOKEN_ISSUED).user("u-1", "Patient/amy-shaw")
                .client("app").patient("Patient/amy-shaw").token("abc-123", "refresh_token").build());

        assertCoding(event.path("type"), "http://dicom.nema.org/resources/ontology/DCM", "110114");
        assertCoding(event.path("subtype").get(0), "urn:ihe:event-type-code", "ITI-71");
        JsonNode token = entity(event, "2");
        assertThat(token.path("what").path("identifier").path("value").asText()).isEqualTo("urn:ietf:params:oauth:jti:abc-123");
        assertCoding(token.path("role"), "http://terminology.hl7.org/CodeSystem/object-role", "13");
        assertThat(token.path("detail").get(0).path("type").asText()).isEqualTo("grant_type");
        assertThat(token.path("detail").get(0).path("valueString").asText()).isEqualTo("refresh_token");
        assertThat(entity(event, "1").path("what").path("reference").asText()).isEqualTo("Patient/amy-shaw");
    }

    @Test
    void clientCredentialsMakeTheAppTheRequestor() {
        JsonNode event = BalpAuditEvent.toJson(record(AuditEventKind.TOKEN_ISSUED).client("backend")
                .token("t-1", "client_credentials").build());

        assertThat(agent(event, "110150").path("requestor").asBoolean()).isTrue();
        assertThat(agents(event, "IRCP")).isEmpty();
    }

    @Test
    void aLaunchIsCreatedByTheEhrForItsUserAndTheApp() {
        JsonNode event = BalpAuditEvent.toJson(record(AuditEventKind.LAUNCH_CREATED).user("u-1", null)
                .client("growth-app").requestingClient("ehr").patient("amy-shaw").launch("abcd1234").build());

        assertCoding(event.path("type"), "http://terminology.hl7.org/CodeSystem/audit-event-type", "rest");
        assertThat(subtypeCodes(event)).containsExactly("create", "launch-created");
        assertThat(event.path("action").asText()).isEqualTo("C");
        assertThat(agent(event, "110153").path("requestor").asBoolean()).isTrue();
        assertThat(agent(event, "110153").path("who").path("identifier").path("value").asText()).isEqualTo("ehr");
        assertThat(agent(event, "110153").path("network").path("address").asText()).isEqualTo("192.0.2.7");
        assertThat(agent(event, "110150").path("requestor").asBoolean()).isFalse();
        assertThat(agent(event, "110150").has("network")).isFalse();
        assertThat(agent(event, "IRCP").path("requestor").asBoolean()).isFalse();
        assertThat(entity(event, "2").path("what").path("identifier").path("value").asText()).isEqualTo("abcd1234");
    }

    @Test
    void consentEventsAreRestCreateOrUpdateOfTheConsent() {
        for (AuditEventKind kind : List.of(AuditEventKind.CONSENT_RECORDED, AuditEventKind.CONSENT_CHANGED,
                AuditEventKind.CONSENT_WITHDRAWN)) {
            JsonNode event = BalpAuditEvent.toJson(record(kind).user("u-1", "Patient/amy-shaw").client("app")
                    .patient("amy-shaw").consent("Consent/c-9").build());

            assertThat(event.path("action").asText()).isEqualTo(kind == AuditEventKind.CONSENT_RECORDED ? "C" : "U");
            assertThat(subtypeCodes(event)).contains(kind == AuditEventKind.CONSENT_RECORDED ? "create" : "update")
                    .contains(kind.name().toLowerCase().replace('_', '-'));
            JsonNode consent = entity(event, "Consent");
            assertThat(consent.path("what").path("reference").asText()).isEqualTo("Consent/c-9");
            assertCoding(consent.path("role"), "http://terminology.hl7.org/CodeSystem/object-role", "4");
        }
    }

    @Test
    void revocationsDeleteTheGrant() {
        JsonNode revoked = BalpAuditEvent.toJson(record(AuditEventKind.TOKEN_REVOKED).client("app").user("u", null).build());
        JsonNode family = BalpAuditEvent.toJson(record(AuditEventKind.TOKEN_FAMILY_REVOKED).client("app").build());

        assertThat(revoked.path("action").asText()).isEqualTo("D");
        assertThat(subtypeCodes(revoked)).containsExactly("token-revoked");
        assertThat(subtypeCodes(family)).containsExactly("token-family-revoked");
    }

    @Test
    void valuesThatAreNotIdsOrCodesNeverReachTheEvent() throws Exception {
        AuditRecord record = record(AuditEventKind.AUTHORIZATION)
                .user("Amy Shaw", "Amy Shaw").client("app with spaces").patient("Amy Shaw").consent("Consent/x y")
                .token("t 1", "grant type").launch("a b").clientAddress("amy.shaw@example.org")
                .failure("user Amy Shaw said no").build();

        String json = BalpAuditEvent.write(record);

        assertThat(json).doesNotContain("Amy").doesNotContain("Shaw").doesNotContain("said");
        JsonNode event = new ObjectMapper().readTree(json);
        assertThat(event.path("outcomeDesc").asText()).isEqualTo("error");
        assertThat(event.has("entity")).isFalse();
        assertThat(agents(event, "IRCP")).isEmpty();
        assertThat(agents(event, "110150")).isEmpty();
    }

    @Test
    void theJsonIsOneLine() {
        String json = BalpAuditEvent.write(record(AuditEventKind.TOKEN_ISSUED).client("app").build());

        assertThat(json).doesNotContain("\n").startsWith("{\"resourceType\":\"AuditEvent\"");
    }

    private static void assertCoding(JsonNode coding, String system, String code) {
        assertThat(coding.path("system").asText()).isEqualTo(system);
        assertThat(coding.path("code").asText()).isEqualTo(code);
    }

    private static List<String> subtypeCodes(JsonNode event) {
        List<String> codes = new ArrayList<>();
        event.path("subtype").forEach(subtype -> codes.add(subtype.path("code").asText()));
        return codes;
    }

    private static List<JsonNode> agents(JsonNode event, String typeCode) {
        List<JsonNode> found = new ArrayList<>();
        event.path("agent").forEach(agent -> {
            if (agent.path("type").path("coding").get(0).path("code").asText().equals(typeCode)) {
                found.add(agent);
            }
        });
        return found;
    }

    private static JsonNode agent(JsonNode event, String typeCode) {
        List<JsonNode> found = agents(event, typeCode);
        assertThat(found).as("agent " + typeCode).hasSize(1);
        return found.get(0);
    }

    private static JsonNode entity(JsonNode event, String typeCode) {
        List<JsonNode> found = new ArrayList<>();
        event.path("entity").forEach(entity -> {
            if (entity.path("type").path("code").asText().equals(typeCode)) {
                found.add(entity);
            }
        });
        assertThat(found).as("entity " + typeCode).hasSize(1);
        return found.get(0);
    }
}
