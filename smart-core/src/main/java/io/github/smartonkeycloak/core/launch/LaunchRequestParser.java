package io.github.smartonkeycloak.core.launch;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.smartonkeycloak.core.scope.ResourceTypes;

/**
 * Reads and validates the body of {@code POST /smart-launch/launches}. Everything is checked, because it ends up
 * in tokens: types, sizes, FHIR ids and references, URLs. Unknown fields are refused rather than dropped.
 */
public final class LaunchRequestParser {

    public static final int MAX_BODY_LENGTH = 16_384;
    static final int MAX_FHIR_CONTEXT_ITEMS = 20;
    static final int MAX_TEXT_LENGTH = 256;
    static final int MAX_URL_LENGTH = 2048;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern FHIR_ID = Pattern.compile("[A-Za-z0-9\\-.]{1,64}");
    /** The launch's own fields; the rest of the body is the context, one member per {@link ContextField}. */
    private static final Set<String> LAUNCH_FIELDS = Set.of("client_id", "user", "iss");
    private static final Set<String> FHIR_CONTEXT_FIELDS = Set.of("reference", "canonical", "identifier", "type", "role");

    private LaunchRequestParser() {
    }

    public static LaunchRequest parse(String body) {
        if (body == null || body.isBlank()) {
            throw new InvalidLaunchRequestException("the body must be a JSON object");
        }
        if (body.length() > MAX_BODY_LENGTH) {
            throw new InvalidLaunchRequestException("the body is larger than " + MAX_BODY_LENGTH + " characters");
        }
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new InvalidLaunchRequestException("the body is not valid JSON");
        } catch (IOException e) {
            throw new InvalidLaunchRequestException("the body cannot be read");
        }
        if (root == null || !root.isObject()) {
            throw new InvalidLaunchRequestException("the body must be a JSON object");
        }
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!LAUNCH_FIELDS.contains(name) && !ContextField.isContextClaim(name)) {
                throw new InvalidLaunchRequestException("unknown field '" + name + "'");
            }
        }
        String clientId = text(root, "client_id", MAX_TEXT_LENGTH);
        if (clientId == null) {
            throw new InvalidLaunchRequestException("client_id is required");
        }
        LaunchContext context = new LaunchContext(
                reference(root, ContextField.PATIENT.claim(), "Patient"),
                reference(root, ContextField.ENCOUNTER.claim(), "Encounter"),
                fhirContext(root.get(ContextField.FHIR_CONTEXT.claim())),
                bool(root, ContextField.NEED_PATIENT_BANNER.claim()),
                url(root, ContextField.SMART_STYLE_URL.claim(), true),
                text(root, ContextField.INTENT.claim(), MAX_TEXT_LENGTH),
                text(root, ContextField.TENANT.claim(), MAX_TEXT_LENGTH));
        return new LaunchRequest(clientId, context, text(root, "user", MAX_TEXT_LENGTH), url(root, "iss", true));
    }

    private static String text(JsonNode root, String field, int maxLength) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw new InvalidLaunchRequestException(field + " must be a string");
        }
        String value = node.asText();
        if (value.isBlank()) {
            throw new InvalidLaunchRequestException(field + " must not be empty");
        }
        if (value.length() > maxLength) {
            throw new InvalidLaunchRequestException(field + " is longer than " + maxLength + " characters");
        }
        if (value.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw new InvalidLaunchRequestException(field + " contains control characters");
        }
        return value;
    }

    /** A FHIR id, written either as {@code 123} or as {@code Patient/123}; the id is kept. */
    private static String reference(JsonNode root, String field, String type) {
        String value = text(root, field, MAX_TEXT_LENGTH);
        if (value == null) {
            return null;
        }
        String id = value.startsWith(type + "/") ? value.substring(type.length() + 1) : value;
        if (!FHIR_ID.matcher(id).matches()) {
            throw new InvalidLaunchRequestException(field + " must be a " + type + " id or " + type
                    + "/<id> (letters, digits, '-' and '.', at most 64)");
        }
        return id;
    }

    private static Boolean bool(JsonNode root, String field) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isBoolean()) {
            throw new InvalidLaunchRequestException(field + " must be true or false");
        }
        return node.asBoolean();
    }

    private static String url(JsonNode root, String field, boolean webOnly) {
        String value = text(root, field, MAX_URL_LENGTH);
        if (value == null) {
            return null;
        }
        checkUrl(field, value, webOnly);
        return value;
    }

    private static void checkUrl(String field, String value, boolean webOnly) {
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme();
            boolean web = "https".equalsIgnoreCase(scheme) || "http".equalsIgnoreCase(scheme);
            if (!uri.isAbsolute() || (webOnly && (!web || uri.getHost() == null))) {
                throw new InvalidLaunchRequestException(field + " must be an absolute " + (webOnly ? "http(s) " : "") + "URL");
            }
        } catch (URISyntaxException e) {
            throw new InvalidLaunchRequestException(field + " is not a valid URL");
        }
    }

    private static List<FhirContextItem> fhirContext(JsonNode node) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw new InvalidLaunchRequestException("fhirContext must be an array");
        }
        if (node.size() > MAX_FHIR_CONTEXT_ITEMS) {
            throw new InvalidLaunchRequestException("fhirContext has more than " + MAX_FHIR_CONTEXT_ITEMS + " entries");
        }
        List<FhirContextItem> items = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode item = node.get(i);
            String field = "fhirContext[" + i + "]";
            if (item.isTextual()) {
                // SMART 2.0 wrote entries as "Type/id" strings.
                items.add(FhirContextItem.ofReference(relativeReference(field, item.asText())));
            } else if (item.isObject()) {
                items.add(fhirContextItem(field, item));
            } else {
                throw new InvalidLaunchRequestException(field + " must be an object or a Type/id string");
            }
        }
        return items;
    }

    private static FhirContextItem fhirContextItem(String field, JsonNode item) {
        for (Iterator<String> names = item.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FHIR_CONTEXT_FIELDS.contains(name)) {
                throw new InvalidLaunchRequestException(field + " has unknown field '" + name + "'");
            }
        }
        String reference = text(item, "reference", MAX_TEXT_LENGTH);
        String canonical = text(item, "canonical", MAX_URL_LENGTH);
        Map<String, String> identifier = identifier(field, item.get("identifier"));
        if (reference == null && canonical == null && identifier == null) {
            throw new InvalidLaunchRequestException(field + " needs a reference, a canonical or an identifier");
        }
        if (reference != null) {
            relativeReference(field + ".reference", reference);
        }
        if (canonical != null) {
            // A canonical may pin a version after '|' (http://.../Questionnaire/q|1.0).
            int bar = canonical.indexOf('|');
            checkUrl(field + ".canonical", bar < 0 ? canonical : canonical.substring(0, bar), false);
        }
        String type = text(item, "type", MAX_TEXT_LENGTH);
        if (type != null && !ResourceTypes.R4.contains(type)) {
            throw new InvalidLaunchRequestException(field + ".type '" + type + "' is not a FHIR R4 resource type");
        }
        String role = text(item, "role", MAX_URL_LENGTH);
        if (role != null) {
            checkUrl(field + ".role", role, false);
        }
        return new FhirContextItem(reference, canonical, identifier, type, role);
    }

    private static String relativeReference(String field, String reference) {
        int slash = reference.indexOf('/');
        String type = slash < 0 ? "" : reference.substring(0, slash);
        String id = slash < 0 ? "" : reference.substring(slash + 1);
        if (!ResourceTypes.R4.contains(type) || !FHIR_ID.matcher(id).matches()) {
            throw new InvalidLaunchRequestException(field + " must be a relative reference Type/id to a FHIR R4 resource");
        }
        return reference;
    }

    private static Map<String, String> identifier(String field, JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            throw new InvalidLaunchRequestException(field + ".identifier must be an object");
        }
        Map<String, String> identifier = new LinkedHashMap<>();
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!name.equals("system") && !name.equals("value")) {
                throw new InvalidLaunchRequestException(field + ".identifier may only have system and value");
            }
            String value = text(node, name, MAX_URL_LENGTH);
            if (value != null) {
                identifier.put(name, value);
            }
        }
        if (identifier.get("value") == null) {
            throw new InvalidLaunchRequestException(field + ".identifier needs a value");
        }
        return identifier;
    }
}
