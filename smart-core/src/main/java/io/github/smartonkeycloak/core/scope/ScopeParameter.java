package io.github.smartonkeycloak.core.scope;

import java.util.LinkedHashSet;
import java.util.Set;

/** The OAuth {@code scope} parameter: space-separated scope strings. */
public final class ScopeParameter {

    private ScopeParameter() {
    }

    /** The scope strings in order, each once; null or blank gives none. */
    public static Set<String> split(String scopeParameter) {
        Set<String> scopes = new LinkedHashSet<>();
        if (scopeParameter != null) {
            for (String scope : scopeParameter.split(" ")) {
                if (!scope.isEmpty()) {
                    scopes.add(scope);
                }
            }
        }
        return scopes;
    }
}
