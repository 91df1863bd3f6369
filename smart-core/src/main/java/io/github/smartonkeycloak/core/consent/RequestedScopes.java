package io.github.smartonkeycloak.core.consent;

import java.util.ArrayList;
import java.util.List;

import io.github.smartonkeycloak.core.scope.ScopeParameter;
import io.github.smartonkeycloak.core.scope.SmartScopeParser;

/** The {@code scope} of an authorization request, as Keycloak keeps it while the user signs in. */
public final class RequestedScopes {

    private RequestedScopes() {
    }


    /**
     * The request with its resource scopes replaced by the ones the user allowed: the other scopes (openid,
     * launch/patient, offline_access, ...) stay as requested. Keycloak derives the code's, the tokens' and every
     * refresh's scope from this string, so what is left out here is never granted.
     */
    public static String withResourceScopes(String scopeParameter, List<String> allowed) {
        List<String> result = new ArrayList<>();
        for (String scope : ScopeParameter.split(scopeParameter)) {
            if (SmartScopeParser.resourceScope(scope).isEmpty()) {
                result.add(scope);
            }
        }
        for (String scope : allowed) {
            if (!result.contains(scope)) {
                result.add(scope);
            }
        }
        return String.join(" ", result);
    }
}
