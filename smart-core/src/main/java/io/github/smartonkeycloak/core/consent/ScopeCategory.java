package io.github.smartonkeycloak.core.consent;

import io.github.smartonkeycloak.core.scope.Constraint;

/**
 * A category a user may grant instead of a whole resource type, such as laboratory Observations.
 *
 * @param resourceType the FHIR resource type the category belongs to
 * @param system the category's code system
 * @param code the category's code
 * @param label a short name for message keys ({@code smart-category-<label>})
 */
public record ScopeCategory(String resourceType, String system, String code, String label) {

    /** The scope constraint that limits a resource scope to this category. */
    public Constraint constraint() {
        return new Constraint("category", system + "|" + code);
    }
}
