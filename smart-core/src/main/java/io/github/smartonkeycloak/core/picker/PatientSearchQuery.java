package io.github.smartonkeycloak.core.picker;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What a clinician typed into the patient search box, as FHIR search parameters: a date ({@code 1990},
 * {@code 1990-05}, {@code 1990-05-02}) searches {@code birthdate}; a word with a digit or a {@code |} searches
 * {@code identifier}; other words each search {@code name} (all must match).
 */
public final class PatientSearchQuery {

    static final int MAX_TERMS = 5;
    static final int MAX_TERM_LENGTH = 64;

    private static final Pattern DATE = Pattern.compile("\\d{4}(-\\d{2}(-\\d{2})?)?");
    private static final Pattern IDENTIFIER = Pattern.compile(".*[\\d|].*");

    private final List<Map.Entry<String, String>> parameters;

    private PatientSearchQuery(List<Map.Entry<String, String>> parameters) {
        this.parameters = parameters;
    }

    public static PatientSearchQuery parse(String text) {
        List<Map.Entry<String, String>> parameters = new ArrayList<>();
        if (text != null) {
            for (String term : text.trim().split("\\s+")) {
                if (term.isEmpty() || parameters.size() == MAX_TERMS) {
                    continue;
                }
                String bounded = term.length() > MAX_TERM_LENGTH ? term.substring(0, MAX_TERM_LENGTH) : term;
                String name = DATE.matcher(bounded).matches() ? "birthdate"
                        : IDENTIFIER.matcher(bounded).matches() ? "identifier"
                        : "name";
                parameters.add(Map.entry(name, bounded));
            }
        }
        return new PatientSearchQuery(List.copyOf(parameters));
    }

    /** The FHIR search parameters, in the order typed; empty: list patients. */
    public List<Map.Entry<String, String>> parameters() {
        return parameters;
    }

    public boolean isEmpty() {
        return parameters.isEmpty();
    }
}
