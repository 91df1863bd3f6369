package io.github.smartonkeycloak.launch.consent.store.fhir;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.smartonkeycloak.core.consent.record.ConsentGrant;
import io.github.smartonkeycloak.core.consent.record.ConsentResource;
import io.github.smartonkeycloak.core.fhir.FhirUnavailableException;
import io.github.smartonkeycloak.launch.directory.FhirHttp;
import io.github.smartonkeycloak.launch.directory.FhirUrls;
import org.keycloak.util.JsonSerialization;

/**
 * The Consent resources of one realm on its FHIR server, read and written with the pack's service token, within
 * one request's deadline. Errors name the HTTP status or the cause, never a resource's content.
 */
final class ConsentRecords {

    static final String SCOPE = "system/Consent.crus";
    private static final int PAGE_SIZE = 100;
    private static final int MAX_PAGES = 10;

    private final FhirHttp http;
    private final FhirUrls urls;
    private final Supplier<String> tokens;
    private final String issuer;
    private String token;

    /** {@code issuer} is the realm's issuer URL: the app system and the identifier system live under it. */
    ConsentRecords(FhirHttp http, FhirUrls urls, Supplier<String> tokens, String issuer) {
        this.http = http;
        this.urls = urls;
        this.tokens = tokens;
        this.issuer = issuer;
    }

    /** The system under which a Consent names an app by its {@code client_id}. */
    String appSystem() {
        return issuer + "/clients";
    }

    /** The system of the identifier that links a record to its Keycloak grant. */
    String identifierSystem() {
        return issuer + "/consents";
    }

    List<StoredConsent> ofPatient(String patientId) {
        return search(List.of(Map.entry("patient", "Patient/" + patientId)));
    }

    List<StoredConsent> activeOfApp(String clientId) {
        return search(List.of(Map.entry("actor:identifier", appSystem() + "|" + clientId), Map.entry("status", "active")));
    }

    /** Every Consent the server changed after {@code since} (any status), oldest pages first as the server sends them. */
    List<StoredConsent> changedSince(java.time.Instant since) {
        return search(List.of(Map.entry("_lastUpdated", "gt" + since.toString())));
    }

    /**
     * Creates the record unless one with its identifier exists (then that one is the answer); returns the record as
     * the server answered it, or as sent with the id the server gave when the answer carries no resource.
     */
    StoredConsent create(ConsentGrant grant, String key) {
        ObjectNode sent = json(grant, null, key);
        FhirHttp.Answer answer = http.post(urls.base() + "/Consent", token(), sent.toString(),
                "identifier=" + identifierSystem() + "|" + key);
        return written(answer, sent, "create");
    }

    StoredConsent update(ConsentGrant grant, String key, String id) {
        ObjectNode sent = json(grant, id, key);
        return written(http.put(urls.read("Consent", id), token(), sent.toString()), sent, "update");
    }

    private StoredConsent written(FhirHttp.Answer answer, ObjectNode sent, String what) {
        String id = reference(answer, what).substring("Consent/".length());
        ObjectNode consent = answer.json() instanceof ObjectNode answered && "Consent".equals(answered.path("resourceType").asText())
                ? answered : sent.deepCopy().put("id", id);
        return new StoredConsent(consent, ConsentResource.parse(consent.toString()), key(consent));
    }

    void deactivate(StoredConsent stored) {
        ObjectNode json = stored.json().deepCopy();
        json.put("status", "inactive");
        reference(http.put(urls.read("Consent", stored.record().id()), token(), json.toString()), "withdraw");
    }

    private ObjectNode json(ConsentGrant grant, String id, String key) {
        try {
            ObjectNode json = (ObjectNode) JsonSerialization.mapper.readTree(ConsentResource.toJson(grant, id, "active"));
            ObjectNode identifier = JsonSerialization.mapper.createObjectNode()
                    .put("system", identifierSystem()).put("value", key);
            json.putArray("identifier").add(identifier);
            return json;
        } catch (java.io.IOException e) {
            throw new IllegalStateException("a Consent the pack wrote is not JSON", e);
        }
    }

    private List<StoredConsent> search(List<Map.Entry<String, String>> parameters) {
        List<StoredConsent> found = new ArrayList<>();
        Optional<String> url = Optional.of(urls.search("Consent", parameters, PAGE_SIZE));
        for (int page = 0; page < MAX_PAGES && url.isPresent(); page++) {
            FhirHttp.Answer answer = http.get(url.get(), token());
            JsonNode bundle = body(answer, "search");
            for (JsonNode entry : bundle.path("entry")) {
                JsonNode resource = entry.path("resource");
                if (resource instanceof ObjectNode consent && "Consent".equals(consent.path("resourceType").asText())) {
                    found.add(new StoredConsent(consent, ConsentResource.parse(consent.toString()), key(consent)));
                }
            }
            url = urls.next(bundle);
        }
        return found;
    }

    private String key(JsonNode consent) {
        for (JsonNode identifier : consent.path("identifier")) {
            if (identifierSystem().equals(identifier.path("system").asText())) {
                return identifier.path("value").asText(null);
            }
        }
        return null;
    }

    private String reference(FhirHttp.Answer answer, String what) {
        JsonNode body = body(answer, what);
        String id = body.path("id").asText("");
        if (id.isEmpty()) {
            throw new FhirUnavailableException("the FHIR server's answer to the Consent " + what + " has no id");
        }
        return "Consent/" + id;
    }

    private static JsonNode body(FhirHttp.Answer answer, String what) {
        if (answer.json() == null) {
            throw new FhirUnavailableException("the FHIR server answered the Consent " + what + " with HTTP "
                    + answer.status() + (answer.status() == 401 || answer.status() == 403
                            ? " (the pack's service token lacks " + SCOPE + ")" : ""));
        }
        return answer.json();
    }

    private String token() {
        if (token == null) {
            token = tokens.get();
        }
        return token;
    }
}
