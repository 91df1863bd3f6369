package io.github.smartonkeycloak.core.consent;

import io.github.smartonkeycloak.core.scope.ResourceScope;

/**
 * One checkbox of the consent page: a resource scope the user may grant.
 *
 * @param scope what is granted when checked, exactly as it goes into the token
 * @param parent for a category sub-scope, the resource-level option it narrows; otherwise null
 * @param category for a category sub-scope offered by the pack, its category; otherwise null
 * @param checkedByDefault requested access is checked; offered sub-scopes are not
 */
public record ConsentOption(ResourceScope scope, String parent, ScopeCategory category, boolean checkedByDefault) {

    public String text() {
        return scope.text();
    }

    public boolean isSubScope() {
        return parent != null;
    }
}
