package io.github.smartonkeycloak.core.consent.record;

import static io.github.smartonkeycloak.core.consent.record.ConsentCodes.ACT_CODE;
import static io.github.smartonkeycloak.core.consent.record.ConsentCodes.CONSENT_SCOPE;
import static io.github.smartonkeycloak.core.consent.record.ConsentCodes.GRANTED_SCOPE;
import static io.github.smartonkeycloak.core.consent.record.ConsentCodes.INFORMATION_RECIPIENT;
import static io.github.smartonkeycloak.core.consent.record.ConsentCodes.LOINC;
import static io.github.smartonkeycloak.core.consent.record.ConsentCodes.OFFLINE_ACCESS;
import static io.github.smartonkeycloak.core.consent.record.ConsentCodes.OPT_IN;
import static io.github.smartonkeycloak.core.consent.record.ConsentCodes.PARTICIPATION_TYPE;
import static io.github.smartonkeycloak.core.consent.record.ConsentCodes.PATIENT_CONSENT;
import static io.github.smartonkeycloak.core.consent.record.ConsentCodes.PATIENT_PRIVACY;

import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.smartonkeycloak.core.fhir.FhirBundles;
import io.github.smartonkeycloak.core.picker.FhirIds;
import io.github.smartonkeycloak.core.scope.SmartScopeParser;

/**
 * A SMART grant as a FHIR R4 {@code Consent} and back; the mapping is docs/adr/0005-smart-grant-as-fhir-consent.md.
 * Errors are {@link IllegalArgumentException}s whose messages name elements, never values: they may be logged.
 */
public final class ConsentResource {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ConsentResource() {
    }

    /**
     * The Consent for a grant.
     *
     * @param id the resource id for an update, or null for a create
     * @param status {@code active} or {@code inactive}
     * @throws IllegalArgumentException for another status, an invalid id, or a grant without patient (FHIR's ppc-2:
     *         a privacy consent needs one)
     */
    public static String toJson(ConsentGrant grant, String id, String status) {
        if (!ConsentCodes.ACTIVE.equals(status) && !ConsentCodes.INACTIVE.equals(status)) {
            throw new IllegalArgumentException("a SMART grant's Consent is active or inactive");
        }
        if (id != null && !FhirIds.isValid(id)) {
            throw new IllegalArgumentException("the Consent id is not a FHIR id");
        }
        if (!FhirIds.isValid(grant.patientId())) {
            throw new IllegalArgumentException("a privacy Consent needs the patient's FHIR id");
        }
        ObjectNode consent = JSON.createObjectNode().put("resourceType", "Consent");
        if (id != null) {
            consent.put("id", id);
        }
        consent.put("status", status);
        codeable(consent.putObject("scope"), CONSENT_SCOPE, PATIENT_PRIVACY, "Privacy Consent");
        codeable(consent.putArray("category").addObject(), LOINC, PATIENT_CONSENT, "Patient Consent");
        consent.putObject("patient").put("reference", "Patient/" + grant.patientId());
        consent.put("dateTime", grant.dateTime().toString());
        if (grant.performer() != null && !grant.performer().isBlank()) {
            consent.putArray("performer").addObject().put("reference", grant.performer());
        }
        codeable(consent.putObject("policyRule"), ACT_CODE, OPT_IN, "opt-in");
        consent.set("provision", provision(grant));
        return consent.toString();
    }

    private static ObjectNode provision(ConsentGrant grant) {
        ObjectNode provision = JSON.createObjectNode();
        ArrayNode extensions = provision.putArray("extension");
        extensions.addObject().put("url", OFFLINE_ACCESS).put("valueBoolean", grant.offline());
        for (String scope : grant.grantedScopes()) {
            if (SmartScopeParser.resourceScope(scope).isEmpty()) {
                extensions.addObject().put("url", GRANTED_SCOPE).put("valueString", scope);
            }
        }
        provision.put("type", ConsentProvisionType.PERMIT.code());
        ObjectNode period = provision.putObject("period").put("start", grant.dateTime().toString());
        if (grant.periodEnd() != null) {
            period.put("end", grant.periodEnd().toString());
        }
        ObjectNode actor = provision.putArray("actor").addObject();
        codeable(actor.putObject("role"), PARTICIPATION_TYPE, INFORMATION_RECIPIENT, "information recipient");
        actor.putObject("reference").put("type", "Device").putObject("identifier")
                .put("system", grant.appSystem()).put("value", grant.clientId());
        List<ObjectNode> nested = ScopeProvisions.write(grant.grantedScopes());
        if (!nested.isEmpty()) {
            provision.putArray("provision").addAll(nested);
        }
        return provision;
    }

    private static void codeable(ObjectNode concept, String system, String code, String display) {
        concept.putArray("coding").addObject().put("system", system).put("code", code).put("display", display);
    }

    /** The record a Consent states. */
    public static ConsentRecord parse(String consentJson) {
        return ConsentReader.read(tree(consentJson));
    }

    /** The Consents of a {@code searchset} Bundle (other entries, such as an OperationOutcome, are skipped). */
    public static List<ConsentRecord> parseBundle(String bundleJson) {
        JsonNode bundle = bundle(bundleJson);
        return FhirBundles.entries(bundle, "Consent", ConsentReader::read);
    }

    /** The Bundle's {@code next} link, when the search has more pages. */
    public static Optional<String> nextPage(String bundleJson) {
        for (JsonNode link : bundle(bundleJson).path("link")) {
            if ("next".equals(link.path("relation").asText()) && link.path("url").isTextual()) {
                return Optional.of(link.path("url").asText());
            }
        }
        return Optional.empty();
    }

    private static JsonNode bundle(String bundleJson) {
        JsonNode bundle = tree(bundleJson);
        if (!"Bundle".equals(bundle.path("resourceType").asText())) {
            throw new IllegalArgumentException("not a FHIR Bundle");
        }
        return bundle;
    }

    private static JsonNode tree(String json) {
        if (json == null || json.isBlank()) {
            throw new IllegalArgumentException("no FHIR JSON (empty)");
        }
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            // Jackson's message quotes the input: leave it out.
            String where = e.getLocation() == null ? ""
                    : " (at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
            throw new IllegalArgumentException("not JSON" + where);
        }
    }
}
