package io.github.smartonkeycloak.core.scope;

/** One query constraint of a granular scope, e.g. {@code category} = {@code http://...|laboratory} (decoded). */
public record Constraint(String name, String value) {

    /** The observation-category code system, as FHIR names it. */
    static final String OBSERVATION_CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category";
    /**
     * The same system as US Core 7 and 8 spell it in their scopes table for social-history
     * ({@code input/data/scopes.csv}; a fix was reverted in 2024), which some servers and apps copied.
     */
    static final String MISSPELLED_OBSERVATION_CATEGORY = "http://terminology.hl7.org//CodeSystem-observation-category";

    /**
     * The constraint as the parser reads it: a value in US Core's misspelled observation-category system means the
     * real system, so the two spellings grant, compare and enforce alike. The scope's text keeps the app's spelling.
     */
    public static Constraint of(String name, String value) {
        int length = MISSPELLED_OBSERVATION_CATEGORY.length();
        if (value.length() > length && value.charAt(length) == '|' && value.startsWith(MISSPELLED_OBSERVATION_CATEGORY)) {
            return new Constraint(name, OBSERVATION_CATEGORY + value.substring(length));
        }
        return new Constraint(name, value);
    }
}
