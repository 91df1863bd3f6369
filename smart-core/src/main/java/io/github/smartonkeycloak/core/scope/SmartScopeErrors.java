package io.github.smartonkeycloak.core.scope;

import java.util.Optional;

/** Finds the first malformed SMART scope of a request, for an {@code invalid_scope} error that says what is wrong. */
public final class SmartScopeErrors {

    private SmartScopeErrors() {
    }

    /**
     * The first scope that claims to be a SMART resource or launch scope but breaks the grammar. Other names are not
     * errors: an app may ask for scopes the server does not know, and simply does not get them.
     */
    public static Optional<ScopeSyntaxException> firstMalformed(String scopeParam) {
        if (scopeParam == null) {
            return Optional.empty();
        }
        for (String scope : scopeParam.split(" ")) {
            if (scope.isEmpty() || !SmartScopeParser.looksLikeSmart(scope)) {
                continue;
            }
            try {
                SmartScopeParser.parse(scope);
            } catch (ScopeSyntaxException e) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }
}
