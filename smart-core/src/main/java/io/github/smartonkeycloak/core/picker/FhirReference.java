package io.github.smartonkeycloak.core.picker;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A literal FHIR reference such as a user's {@code fhirUser}: relative ({@code Patient/123}) or absolute
 * ({@code https://fhir.example/r4/Patient/123}). The resource type and the id are the last two path segments.
 */
public record FhirReference(String resourceType, String id) {

    private static final Pattern RESOURCE_TYPE = Pattern.compile("[A-Z][A-Za-z]{0,63}");

    public static Optional<FhirReference> parse(String reference) {
        if (reference == null || reference.isBlank()) {
            return Optional.empty();
        }
        String path = path(reference.trim());
        if (path == null) {
            return Optional.empty();
        }
        String[] segments = Arrays.stream(path.split("/")).filter(segment -> !segment.isEmpty()).toArray(String[]::new);
        if (segments.length < 2) {
            return Optional.empty();
        }
        String type = segments[segments.length - 2];
        String id = segments[segments.length - 1];
        return RESOURCE_TYPE.matcher(type).matches() && FhirIds.isValid(id)
                ? Optional.of(new FhirReference(type, id)) : Optional.empty();
    }

    /** The id, if this is a reference to a resource of that type. */
    public static Optional<String> idOf(String reference, String resourceType) {
        return parse(reference).filter(parsed -> parsed.resourceType().equals(resourceType)).map(FhirReference::id);
    }

    /** {@code Type/id}: what FHIR reference search parameters match on any server. */
    public String relative() {
        return resourceType + "/" + id;
    }

    /** The path of an absolute http(s) URL without query or fragment, or the relative reference itself. */
    private static String path(String reference) {
        if (!reference.contains("://")) {
            return reference;
        }
        try {
            URI uri = new URI(reference);
            boolean web = "https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme());
            return web && uri.getRawQuery() == null && uri.getRawFragment() == null ? uri.getRawPath() : null;
        } catch (URISyntaxException e) {
            return null;
        }
    }
}
