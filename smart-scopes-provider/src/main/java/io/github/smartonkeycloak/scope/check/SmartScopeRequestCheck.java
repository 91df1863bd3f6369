package io.github.smartonkeycloak.scope.check;

import io.github.smartonkeycloak.scope.ScopeSyntaxException;
import io.github.smartonkeycloak.scope.SmartScopeErrors;
import jakarta.ws.rs.core.Response;
import org.keycloak.OAuthErrorException;
import org.keycloak.events.Errors;
import org.keycloak.protocol.oidc.endpoints.AuthorizationEndpointCheckProvider;
import org.keycloak.protocol.oidc.endpoints.AuthorizationEndpointChecker;
import org.keycloak.protocol.oidc.endpoints.AuthorizationEndpointChecker.AuthorizationCheckException;

/**
 * Rejects an authorization request with a malformed SMART scope: the app gets {@code invalid_scope} on its redirect
 * URI (with {@code state} and {@code iss}) and an {@code error_description} naming the scope, the problem and the
 * position. Runs after Keycloak has validated the redirect URI.
 */
final class SmartScopeRequestCheck implements AuthorizationEndpointCheckProvider {

    static final String EVENT_DETAIL = "smart_invalid_scope";

    @Override
    public void check(AuthorizationEndpointChecker context) throws AuthorizationCheckException {
        String scope = context.getAuthorizationEndpointRequest().getScope();
        ScopeSyntaxException malformed = SmartScopeErrors.firstMalformed(scope).orElse(null);
        if (malformed == null) {
            return;
        }
        context.getEventBuilder().detail(EVENT_DETAIL, malformed.scope()).error(Errors.INVALID_REQUEST);
        throw new AuthorizationCheckException(Response.Status.BAD_REQUEST, OAuthErrorException.INVALID_SCOPE,
                malformed.getMessage());
    }

    @Override
    public void close() {
    }
}
