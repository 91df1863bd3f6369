package io.github.smartonkeycloak.core.consent.record;

import static io.github.smartonkeycloak.core.consent.record.ConsentCodes.CONSENT_SCOPE;
import static io.github.smartonkeycloak.core.consent.record.ConsentCodes.OFFLINE_ACCESS;
import static io.github.smartonkeycloak.core.consent.record.ConsentCodes.PATIENT_PRIVACY;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.smartonkeycloak.core.picker.FhirIds;
import io.github.smartonkeycloak.core.picker.FhirReference;
import io.github.smartonkeycloak.core.scope.ResourceScope;
import io.github.smartonkeycloak.core.scope.SmartScopeParser;

/**
 * Reads a FHIR R4 Consent into a {@link ConsentRecord}. Lenient where a hand-written record may differ from the pack's
 * (missing elements are nulls or empty lists); strict only where guessing would be unsafe (a date that does not
 * parse). Messages name the element, never its value.
 */
final class ConsentReader {

    private static final Pattern TYPE_NAME = Pattern.compile("[A-Z][A-Za-z]{0,63}");

    private ConsentReader() {
    }

    static ConsentRecord read(JsonNode consent) {
        if (consent == null || !consent.isObject()) {
            throw new IllegalArgumentException("not a FHIR resource (expected a JSON object)");
        }
        String resourceType = consent.path("resourceType").asText("");
        if (!"Consent".equals(resourceType)) {
            // Only a type name is echoed, never another value someone put there.
            throw new IllegalArgumentException(TYPE_NAME.matcher(resourceType).matches()
                    ? "not a FHIR Consent (resourceType " + resourceType + ")" : "not a FHIR Consent (no resource type)");
        }
        JsonNode provision = consent.path("provision");
        List<String> scopes = new ArrayList<>();
        boolean nestedDeny = false;
        for (String scope : ScopeProvisions.grantedScopes(provision)) {
            // Resource scopes belong on a nested provision, where its class and actions can narrow them.
            if (SmartScopeParser.resourceScope(scope).isEmpty()) {
                scopes.add(scope);
            }
        }
        for (JsonNode nested : provision.path("provision")) {
            String type = nested.path("type").asText();
            if (ConsentProvisionType.DENY.code().equals(type)) {
                nestedDeny = true;
            } else if (ConsentProvisionType.PERMIT.code().equals(type) && nested.path("actor").isEmpty()) {
                scopes.addAll(allowedScopes(nested));
            }
        }
        return new ConsentRecord(
                id(consent.path("id")),
                text(consent.path("status")),
                isPrivacy(consent.path("scope")),
                FhirReference.idOf(text(consent.path("patient").path("reference")), "Patient").orElse(null),
                text(consent.path("performer").path(0).path("reference")),
                ConsentProvisionType.ofCode(provision.path("type").asText()),
                actors(provision.path("actor")),
                FhirDateTimes.start(text(consent.path("dateTime")), "Consent.dateTime"),
                FhirDateTimes.start(text(provision.path("period").path("start")), "Consent.provision.period.start"),
                FhirDateTimes.end(text(provision.path("period").path("end")), "Consent.provision.period.end"),
                scopes,
                offline(provision),
                nestedDeny,
                lastUpdated(consent));
    }

    private static List<String> allowedScopes(JsonNode nested) {
        List<String> allowed = new ArrayList<>();
        for (String scope : ScopeProvisions.grantedScopes(nested)) {
            ResourceScope resourceScope = SmartScopeParser.resourceScope(scope).orElse(null);
            if (resourceScope != null && ScopeProvisions.allows(nested, resourceScope)) {
                allowed.add(scope);
            }
        }
        return allowed;
    }

    /** Absent counts as privacy (fail closed: a deny without scope still denies); another code does not. */
    private static boolean isPrivacy(JsonNode scope) {
        JsonNode codings = scope.path("coding");
        if (codings.isEmpty()) {
            return true;
        }
        for (JsonNode coding : codings) {
            if (PATIENT_PRIVACY.equals(coding.path("code").asText())
                    && CONSENT_SCOPE.equals(coding.path("system").asText(CONSENT_SCOPE))) {
                return true;
            }
        }
        return false;
    }

    private static List<String> actors(JsonNode actors) {
        List<String> names = new ArrayList<>();
        for (JsonNode actor : actors) {
            JsonNode reference = actor.path("reference");
            JsonNode identifier = reference.path("identifier");
            if (identifier.hasNonNull("value")) {
                names.add(identifier.path("system").asText("") + "|" + identifier.path("value").asText());
            } else if (reference.hasNonNull("reference")) {
                names.add(reference.path("reference").asText());
            } else {
                // An actor we cannot name is still someone: the deny is not a "no one" deny.
                names.add("");
            }
        }
        return names;
    }

    private static boolean offline(JsonNode provision) {
        for (JsonNode extension : provision.path("extension")) {
            if (OFFLINE_ACCESS.equals(extension.path("url").asText())) {
                return extension.path("valueBoolean").asBoolean(false);
            }
        }
        return false;
    }

    private static Instant lastUpdated(JsonNode consent) {
        return FhirDateTimes.start(text(consent.path("meta").path("lastUpdated")), "Consent.meta.lastUpdated");
    }

    /** Only a well-formed id is kept: it is echoed in verdicts and events. */
    private static String id(JsonNode node) {
        String id = text(node);
        return FhirIds.isValid(id) ? id : null;
    }

    private static String text(JsonNode node) {
        return node.isTextual() ? node.asText() : null;
    }
}
