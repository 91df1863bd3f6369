package io.github.smartonkeycloak.demofhir.security;

import java.util.Map;

import io.github.smartonkeycloak.core.scope.GrantedScopes;
import io.github.smartonkeycloak.core.scope.Interaction;

/** The decision {@link ScopeEnforcer} would leave on a search, for tests of other packages. */
public final class SearchDecisions {

    private SearchDecisions() {
    }

    public static AccessDecision search(String scopes, String resourceType, String patient, boolean serviceAccount) {
        return new AccessDecision(GrantedScopes.parse(scopes), resourceType, Interaction.SEARCH, Map.of(), patient,
                serviceAccount);
    }
}
