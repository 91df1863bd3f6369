package io.github.smartonkeycloak.core.scope;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The resource scopes of an access token, for a resource server deciding whether to answer a request. Scopes that
 * are not resource scopes (openid, launch, ...) or that do not parse grant no data access and are ignored.
 */
public final class GrantedScopes {

    private final List<ResourceScope> scopes;

    private GrantedScopes(List<ResourceScope> scopes) {
        this.scopes = scopes;
    }

    /** The space-separated {@code scope} of a token or introspection response. */
    public static GrantedScopes parse(String scopeClaim) {
        // A malformed scope grants nothing.
        return new GrantedScopes(List.copyOf(ScopeRequest.of(scopeClaim).resourceScopes()));
    }

    public List<ResourceScope> resourceScopes() {
        return scopes;
    }

    public boolean hasContext(ScopeContext context) {
        return scopes.stream().anyMatch(scope -> scope.context() == context);
    }

    /** Whether any granted scope allows the interaction; see {@link ResourceScope#permits} for the parameters. */
    public boolean permits(ScopeContext context, String resourceType, Interaction interaction,
            Map<String, ? extends Collection<String>> parameters) {
        for (ResourceScope scope : scopes) {
            if (scope.permits(context, resourceType, interaction, parameters)) {
                return true;
            }
        }
        return false;
    }
}
