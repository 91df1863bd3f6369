package io.github.smartonkeycloak.core.consent.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class ConsentResourceTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SYSTEM = "https://kc.example/realms/smart/clients";
    private static final String LAB = "patient/Observation.rs?category=http://terminology.hl7.org/CodeSystem/observation-category|laboratory";
    private static final ConsentGrant GRANT = new ConsentGrant(SYSTEM, "growth-chart", "85", "RelatedPerson/7",
            List.of("openid", "launch/patient", "offline_access", LAB, "patient/Patient.read", "patient/*.cud"), true,
            Instant.parse("2026-12-05T11:00:00Z"), Instant.parse("2027-12-05T11:00:00Z"));

    @Test
    void aGrantIsAPrivacyConsentThatPermitsTheAppAsInformationRecipient() throws Exception {
        JsonNode consent = JSON.readTree(ConsentResource.toJson(GRANT, "c-1", "active"));

        assertThat(consent.path("resourceType").asText()).isEqualTo("Consent");
        assertThat(consent.path("id").asText()).isEqualTo("c-1");
        assertThat(consent.path("status").asText()).isEqualTo("active");
        assertThat(coding(consent.path("scope"))).isEqualTo("http://terminology.hl7.org/CodeSystem/consentscope|patient-privacy");
        assertThat(coding(consent.path("category").path(0))).isEqualTo("http://loinc.org|59284-0");
        assertThat(consent.path("patient").path("reference").asText()).isEqualTo("Patient/85");
        assertThat(consent.path("performer").path(0).path("reference").asText()).isEqualTo("RelatedPerson/7");
        assertThat(consent.path("dateTime").asText()).isEqualTo("2026-12-05T11:00:00Z");
        assertThat(coding(consent.path("policyRule"))).isEqualTo("http://terminology.hl7.org/CodeSystem/v3-ActCode|OPTIN");

        JsonNode provision = consent.path("provision");
        assertThat(provision.path("type").asText()).isEqualTo("permit");
        assertThat(provision.path("period").path("start").asText()).isEqualTo("2026-12-05T11:00:00Z");
        assertThat(provision.path("period").path("end").asText()).isEqualTo("2027-12-05T11:00:00Z");
        JsonNode actor = provision.path("actor").path(0);
        assertThat(coding(actor.path("role"))).isEqualTo("http://terminology.hl7.org/CodeSystem/v3-ParticipationType|IRCP");
        assertThat(actor.path("reference").path("identifier").path("system").asText()).isEqualTo(SYSTEM);
        assertThat(actor.path("reference").path("identifier").path("value").asText()).isEqualTo("growth-chart");
        assertThat(ScopeProvisions.grantedScopes(provision)).containsExactly("openid", "launch/patient", "offline_access");

        JsonNode observation = provision.path("provision").path(0);
        assertThat(observation.path("class").path(0).path("code").asText()).isEqualTo("Observation");
        assertThat(observation.path("class").path(0).path("system").asText()).isEqualTo("http://hl7.org/fhir/resource-types");
        assertThat(coding(observation.path("action").path(0))).isEqualTo("http://terminology.hl7.org/CodeSystem/consentaction|access");
        assertThat(coding(observation.path("code").path(0)))
                .isEqualTo("http://terminology.hl7.org/CodeSystem/observation-category|laboratory");
        assertThat(ScopeProvisions.grantedScopes(observation)).containsExactly(LAB);

        JsonNode patient = provision.path("provision").path(1);
        assertThat(patient.path("class").path(0).path("code").asText()).isEqualTo("Patient");
        assertThat(patient.has("code")).as("an unconstrained scope has no code").isFalse();

        JsonNode anyType = provision.path("provision").path(2);
        assertThat(anyType.has("class")).as("* is every type").isFalse();
        assertThat(coding(anyType.path("action").path(0))).isEqualTo("http://terminology.hl7.org/CodeSystem/consentaction|correct");
        assertThat(anyType.path("action")).hasSize(1);
    }

    @Test
    void aCreateHasNoIdAndAnUnknownPerformerIsLeftOut() throws Exception {
        ConsentGrant grant = new ConsentGrant(SYSTEM, "app", "85", null, List.of(), false, GRANT.dateTime(), null);
        JsonNode consent = JSON.readTree(ConsentResource.toJson(grant, null, "inactive"));

        assertThat(consent.has("id")).isFalse();
        assertThat(consent.has("performer")).isFalse();
        assertThat(consent.path("provision").has("provision")).isFalse();
        assertThat(consent.path("provision").path("period").has("end")).isFalse();
        assertThat(ConsentResource.parse(consent.toString()).offline()).isFalse();
    }

    @Test
    void badArgumentsAreClearErrors() {
        assertThatThrownBy(() -> ConsentResource.toJson(GRANT, null, "draft")).hasMessageContaining("active or inactive");
        assertThatThrownBy(() -> ConsentResource.toJson(GRANT, "a/b", "active")).hasMessageContaining("not a FHIR id");
        ConsentGrant noPatient = new ConsentGrant(SYSTEM, "app", null, null, List.of("user/*.rs"), false, GRANT.dateTime(), null);
        assertThatThrownBy(() -> ConsentResource.toJson(noPatient, null, "active")).hasMessageContaining("needs the patient");
        assertThatThrownBy(() -> new ConsentGrant(SYSTEM, " ", "85", null, List.of(), false, GRANT.dateTime(), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("clientId");
    }

    @Test
    void aConsentWrittenByHandInThePcfShapeIsRead() {
        // As IHE PCF's "basic" examples are written (ex-consent-basic-reject), with an app as the denied recipient.
        String pcf = """
                {"resourceType": "Consent", "id": "ex-consent-basic-reject",
                 "meta": {"lastUpdated": "2022-06-13T08:30:00.000-05:00",
                          "profile": ["https://profiles.ihe.net/ITI/PCF/StructureDefinition/IHE.PCF.consentBasic"],
                          "security": [{"system": "http://terminology.hl7.org/CodeSystem/v3-ActReason", "code": "HTEST"}]},
                 "status": "active",
                 "scope": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/consentscope", "code": "patient-privacy"}]},
                 "category": [{"coding": [{"system": "http://loinc.org", "code": "59284-0", "display": "Consent"}]}],
                 "patient": {"reference": "Patient/ex-patient"},
                 "dateTime": "2022-06-13",
                 "performer": [{"reference": "Patient/ex-patient"}],
                 "organization": [{"reference": "Organization/ex-organization"}],
                 "sourceReference": {"reference": "DocumentReference/ex-documentreference"},
                 "policy": [{"uri": "http://example.org/policies/basePrivacyConsentPolicy.txt"}],
                 "provision": {"type": "deny",
                   "period": {"end": "2022-12-31"},
                   "actor": [{"role": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/v3-ParticipationType", "code": "IRCP"}]},
                              "reference": {"identifier": {"system": "https://kc.example/realms/smart/clients", "value": "growth-chart"}}},
                             {"role": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/v3-ParticipationType", "code": "IRCP"}]},
                              "reference": {"reference": "Practitioner/ex-practitioner"}}],
                   "purpose": [{"system": "http://terminology.hl7.org/CodeSystem/v3-ActReason", "code": "TREAT"},
                               {"system": "http://terminology.hl7.org/CodeSystem/v3-ActReason", "code": "HPAYMT"},
                               {"system": "http://terminology.hl7.org/CodeSystem/v3-ActReason", "code": "HOPERAT"}]}}
                """;

        ConsentRecord record = ConsentResource.parse(pcf);

        assertThat(record.id()).isEqualTo("ex-consent-basic-reject");
        assertThat(record.isActive()).isTrue();
        assertThat(record.privacy()).isTrue();
        assertThat(record.patientId()).isEqualTo("ex-patient");
        assertThat(record.performer()).isEqualTo("Patient/ex-patient");
        assertThat(record.provisionType()).isEqualTo(ConsentProvisionType.DENY);
        assertThat(record.actors()).containsExactly(SYSTEM + "|growth-chart", "Practitioner/ex-practitioner");
        assertThat(record.namesApp(SYSTEM, "growth-chart")).isTrue();
        assertThat(record.namesApp(SYSTEM, "other-app")).isFalse();
        assertThat(record.dateTime()).isEqualTo(Instant.parse("2022-06-13T00:00:00Z"));
        assertThat(record.periodStart()).isNull();
        // A day as the end of a period lasts through that day.
        assertThat(record.periodEnd()).isEqualTo(Instant.parse("2023-01-01T00:00:00Z"));
        assertThat(record.isInForce(Instant.parse("2022-12-31T23:59:59Z"))).isTrue();
        assertThat(record.isInForce(Instant.parse("2023-01-01T00:00:00Z"))).isFalse();
        assertThat(record.lastUpdated()).isEqualTo(Instant.parse("2022-06-13T13:30:00Z"));
        assertThat(record.scopes()).isEmpty();
        assertThat(record.offline()).isFalse();
    }

    @Test
    void aConsentAboutSomethingElseThanPrivacyIsMarkedSo() {
        ConsentRecord treatment = ConsentResource.parse("""
                {"resourceType": "Consent", "status": "active",
                 "scope": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/consentscope", "code": "treatment"}]},
                 "provision": {"type": "deny"}}""");
        ConsentRecord noScope = ConsentResource.parse("{\"resourceType\": \"Consent\", \"status\": \"active\"}");

        assertThat(treatment.privacy()).isFalse();
        assertThat(noScope.privacy()).as("no scope: counted, so a deny still denies").isTrue();
        assertThat(noScope.provisionType()).isNull();
        assertThat(noScope.actors()).isEmpty();
    }

    @Test
    void somethingElseThanAConsentIsAClearErrorWithoutItsContent() {
        assertThatThrownBy(() -> ConsentResource.parse("{\"resourceType\": \"Patient\", \"name\": [{\"text\": \"Amy Shaw\"}]}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("not a FHIR Consent (resourceType Patient)");
        assertThatThrownBy(() -> ConsentResource.parse("[1, 2]")).hasMessageContaining("JSON object");
        assertThatThrownBy(() -> ConsentResource.parse("{\"name\": \"Amy Shaw\"")).hasMessageStartingWith("not JSON")
                .hasMessageNotContaining("Amy");
        assertThatThrownBy(() -> ConsentResource.parse("")).hasMessageContaining("empty");
        assertThatThrownBy(() -> ConsentResource.parse(
                "{\"resourceType\": \"Consent\", \"dateTime\": \"Amy Shaw 1980\"}"))
                .hasMessageContaining("Consent.dateTime").hasMessageNotContaining("Amy");
        assertThatThrownBy(() -> ConsentResource.parse(
                "{\"resourceType\": \"Consent\", \"provision\": {\"period\": {\"end\": \"2022-06-13T10:00:00\"}}}"))
                .hasMessageContaining("Consent.provision.period.end");
    }

    @Test
    void aSearchsetBundleGivesItsConsentsAndItsNextPage() {
        String bundle = """
                {"resourceType": "Bundle", "type": "searchset",
                 "link": [{"relation": "self", "url": "https://fhir.example/Consent?patient=85"},
                          {"relation": "next", "url": "https://fhir.example/Consent?patient=85&page=2"}],
                 "entry": [{"resource": %s, "search": {"mode": "match"}},
                           {"resource": {"resourceType": "OperationOutcome"}, "search": {"mode": "outcome"}},
                           {"resource": %s, "search": {"mode": "match"}}]}
                """.formatted(ConsentResource.toJson(GRANT, "c-1", "active"), ConsentResource.toJson(GRANT, "c-2", "inactive"));

        assertThat(ConsentResource.parseBundle(bundle)).extracting(ConsentRecord::id).containsExactly("c-1", "c-2");
        assertThat(ConsentResource.nextPage(bundle)).contains("https://fhir.example/Consent?patient=85&page=2");
        assertThat(ConsentResource.nextPage("{\"resourceType\": \"Bundle\"}")).isEmpty();
        assertThat(ConsentResource.parseBundle("{\"resourceType\": \"Bundle\", \"type\": \"searchset\"}")).isEmpty();
        assertThatThrownBy(() -> ConsentResource.parseBundle(ConsentResource.toJson(GRANT, "c-1", "active")))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("not a FHIR Bundle");
    }

    @Test
    void constraintsWithoutSystemOrBeyondCategoryAndCodeRoundTrip() {
        List<String> scopes = List.of("patient/Observation.rs?category=laboratory", "patient/Observation.rs?category=%7Cvital-signs",
                "patient/Condition.rs?clinical-status=active", "patient/DocumentReference.rs?category=http://x|a&code=http://y|b",
                "user/Observation.cruds");
        ConsentGrant grant = new ConsentGrant(SYSTEM, "app", "85", null, scopes, false, GRANT.dateTime(), null);
        ConsentRecord record = ConsentResource.parse(ConsentResource.toJson(grant, null, "active"));

        assertThat(record.scopes()).containsExactlyInAnyOrderElementsOf(scopes);
        assertThat(record.covers(scopes)).isTrue();
        assertThat(record.covers(List.of("patient/DocumentReference.rs?category=http://x|a"))).isFalse();
    }

    @Test
    void anIdThatIsNotAFhirIdIsNotKept() {
        assertThat(ConsentResource.parse("{\"resourceType\": \"Consent\", \"id\": \"Amy Shaw\"}").id()).isNull();
    }

    private static String coding(JsonNode concept) {
        JsonNode coding = concept.path("coding").path(0);
        return coding.path("system").asText() + "|" + coding.path("code").asText();
    }
}
