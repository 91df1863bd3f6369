package io.github.smartonkeycloak.core.consent;

import java.util.List;
import java.util.Optional;

/**
 * The US Core categories the consent page offers as sub-scopes: those Inferno's granular-scope tests name (ONC
 * (g)(10)) and the clinical-note category of the SMART reference server.
 */
public final class UsCoreCategories {

    static final String OBSERVATION_CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category";
    static final String US_CORE_CATEGORY = "http://hl7.org/fhir/us/core/CodeSystem/us-core-category";
    static final String CONDITION_CATEGORY = "http://terminology.hl7.org/CodeSystem/condition-category";
    static final String US_CORE_CONDITION_CATEGORY = "http://hl7.org/fhir/us/core/CodeSystem/condition-category";
    static final String DOCUMENT_CATEGORY = "http://hl7.org/fhir/us/core/CodeSystem/us-core-documentreference-category";

    private static final List<ScopeCategory> ALL = List.of(
            new ScopeCategory("Condition", CONDITION_CATEGORY, "encounter-diagnosis", "encounter-diagnosis"),
            new ScopeCategory("Condition", CONDITION_CATEGORY, "problem-list-item", "problem-list-item"),
            new ScopeCategory("Condition", US_CORE_CONDITION_CATEGORY, "health-concern", "health-concern"),
            new ScopeCategory("Observation", OBSERVATION_CATEGORY, "laboratory", "laboratory"),
            new ScopeCategory("Observation", OBSERVATION_CATEGORY, "vital-signs", "vital-signs"),
            new ScopeCategory("Observation", OBSERVATION_CATEGORY, "social-history", "social-history"),
            new ScopeCategory("Observation", OBSERVATION_CATEGORY, "survey", "survey"),
            new ScopeCategory("Observation", OBSERVATION_CATEGORY, "procedure", "clinical-test"),
            new ScopeCategory("Observation", US_CORE_CATEGORY, "sdoh", "sdoh"),
            new ScopeCategory("DocumentReference", DOCUMENT_CATEGORY, "clinical-note", "clinical-note"));

    private UsCoreCategories() {
    }

    public static List<ScopeCategory> all() {
        return ALL;
    }

    /** The categories of a resource type, in display order; empty for types without offered categories. */
    public static List<ScopeCategory> of(String resourceType) {
        return ALL.stream().filter(category -> category.resourceType().equals(resourceType)).toList();
    }

    /** The known category a constraint value ({@code system|code}) names, if any. */
    public static Optional<ScopeCategory> find(String resourceType, String systemAndCode) {
        return ALL.stream()
                .filter(category -> category.resourceType().equals(resourceType))
                .filter(category -> (category.system() + "|" + category.code()).equals(systemAndCode))
                .findFirst();
    }
}
