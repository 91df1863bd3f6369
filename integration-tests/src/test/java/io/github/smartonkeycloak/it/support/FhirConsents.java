package io.github.smartonkeycloak.it.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The demo FHIR server's Consent records as an outside consent system sees them, through the demo backend client
 * {@code demo-backend} (client credentials; {@code system/Consent.rs}, {@code system/Consent.u}), as the automation
 * contract describes.
 */
public final class FhirConsents {

    private final String realmUrl;

    public FhirConsents(String realmUrl) {
        this.realmUrl = realmUrl;
    }

    /** The patient's Consent resources, any status. */
    public List<JsonNode> ofPatient(String patientId) {
        Http.Response found = Http.plain().get(SmartAppFlow.FHIR_BASE_URL + "/Consent?patient=" + patientId + "&_count=100",
                "Authorization", "Bearer " + token("system/Consent.rs"), "Accept", "application/fhir+json");
        assertThat(found.status()).as(found.body()).isEqualTo(200);
        List<JsonNode> consents = new ArrayList<>();
        found.json().path("entry").forEach(entry -> consents.add(entry.path("resource")));
        return consents;
    }

    /** The patient's Consent that names this app in {@code provision.actor}, if any (the newest one). */
    public Optional<JsonNode> ofApp(String patientId, String clientId) {
        List<JsonNode> named = ofPatient(patientId).stream().filter(consent -> namesApp(consent, clientId)).toList();
        assertThat(named).as("Consents of %s for %s", patientId, clientId).hasSizeLessThanOrEqualTo(1);
        return named.stream().findFirst();
    }

    public static boolean namesApp(JsonNode consent, String clientId) {
        for (JsonNode actor : consent.path("provision").path("actor")) {
            if (clientId.equals(actor.path("reference").path("identifier").path("value").asText())) {
                return true;
            }
        }
        return false;
    }

    /** Sets the record's {@code status} with a PUT, as a consent system withdraws (or restores) it. */
    public void setStatus(JsonNode consent, String status) {
        put(((ObjectNode) consent.deepCopy()).put("status", status));
    }

    public JsonNode put(ObjectNode consent) {
        Http.Response updated = Http.plain().putJson(SmartAppFlow.FHIR_BASE_URL + "/Consent/" + consent.path("id").asText(),
                consent.toString(), "Authorization", "Bearer " + token("system/Consent.u"), "Accept", "application/fhir+json");
        assertThat(updated.status()).as(updated.body()).isIn(200, 201);
        return updated.json();
    }

    private String token(String scope) {
        Http.Response token = new TokenEndpoint(realmUrl).clientCredentials("demo-backend", "demo-backend-secret", scope);
        assertThat(token.status()).as(token.body()).isEqualTo(200);
        return token.json().path("access_token").asText();
    }
}
