package io.github.smartonkeycloak.core.launch;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One entry of a launch's {@code fhirContext} (SMART 2.1+ object shape): a relative {@code reference}, a
 * {@code canonical} URL or an {@code identifier}, with an optional resource {@code type} and {@code role}.
 */
public record FhirContextItem(String reference, String canonical, Map<String, String> identifier, String type,
        String role) {

    public FhirContextItem {
        identifier = identifier == null ? null : Map.copyOf(identifier);
    }

    public static FhirContextItem ofReference(String reference) {
        return new FhirContextItem(reference, null, null, null, null);
    }

    /** The SMART 2.1+ object, with absent members left out. */
    public Map<String, Object> asObject() {
        Map<String, Object> object = new LinkedHashMap<>();
        putIfPresent(object, "reference", reference);
        putIfPresent(object, "canonical", canonical);
        if (identifier != null) {
            object.put("identifier", identifier);
        }
        putIfPresent(object, "type", type);
        putIfPresent(object, "role", role);
        return object;
    }

    @SuppressWarnings("unchecked")
    static FhirContextItem fromObject(Map<String, Object> object) {
        return new FhirContextItem((String) object.get("reference"), (String) object.get("canonical"),
                (Map<String, String>) object.get("identifier"), (String) object.get("type"), (String) object.get("role"));
    }

    private static void putIfPresent(Map<String, Object> object, String name, String value) {
        if (value != null) {
            object.put(name, value);
        }
    }
}
