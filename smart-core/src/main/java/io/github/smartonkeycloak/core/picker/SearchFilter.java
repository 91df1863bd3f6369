package io.github.smartonkeycloak.core.picker;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The FHIR search filter an admin puts on the clinician picker, such as {@code general-practitioner={fhirUser}}:
 * {@code name=value} pairs joined by {@code &}, added to every patient search and to the check of the chosen patient.
 * {@code {fhirUser}} stands for the signed-in user's {@code fhirUser} as a relative reference ({@code Practitioner/7},
 * also when the attribute is an absolute URL, which FHIR reference search may not match); a filter that needs it when
 * the user has none, or one that is not a reference, matches no patient.
 */
public final class SearchFilter {

    static final String FHIR_USER_PLACEHOLDER = "{fhirUser}";

    public static final SearchFilter NONE = new SearchFilter(List.of(), false);
    /** For when the configured filter cannot be used: nobody matches, rather than everybody. */
    public static final SearchFilter NOTHING = new SearchFilter(List.of(), true);

    private final List<Map.Entry<String, String>> parameters;
    private final boolean matchesNothing;

    private SearchFilter(List<Map.Entry<String, String>> parameters, boolean matchesNothing) {
        this.parameters = parameters;
        this.matchesNothing = matchesNothing;
    }

    /**
     * @throws IllegalArgumentException if the filter is not {@code name=value&...} (an admin's typo must not widen
     *         the search)
     */
    public static SearchFilter parse(String filter, String fhirUser) {
        if (filter == null || filter.isBlank()) {
            return NONE;
        }
        List<Map.Entry<String, String>> parameters = new ArrayList<>();
        Optional<String> reference = FhirReference.parse(fhirUser).map(FhirReference::relative);
        boolean matchesNothing = false;
        for (String pair : filter.trim().split("&")) {
            int eq = pair.indexOf('=');
            if (eq <= 0 || eq == pair.length() - 1) {
                throw malformed(filter);
            }
            String name = URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            if (value.contains(FHIR_USER_PLACEHOLDER)) {
                if (reference.isEmpty()) {
                    matchesNothing = true;
                } else {
                    value = value.replace(FHIR_USER_PLACEHOLDER, reference.get());
                }
            }
            parameters.add(Map.entry(name, value));
        }
        if (parameters.isEmpty()) {
            // Only separators ("&"): split() leaves no pair, which must not read as "no filter".
            throw malformed(filter);
        }
        return new SearchFilter(List.copyOf(parameters), matchesNothing);
    }

    private static IllegalArgumentException malformed(String filter) {
        return new IllegalArgumentException("the patient search filter must be name=value pairs joined by &: " + filter);
    }

    public List<Map.Entry<String, String>> parameters() {
        return parameters;
    }

    public boolean matchesNothing() {
        return matchesNothing;
    }
}
