package io.github.smartonkeycloak.scope.check;

import java.util.Optional;

import io.github.smartonkeycloak.core.resourceserver.ProfileScopes;
import io.github.smartonkeycloak.core.scope.ScopeRequest;
import io.github.smartonkeycloak.core.scope.ScopeSyntaxException;
import io.github.smartonkeycloak.scope.negotiation.RequestedProfile;
import io.github.smartonkeycloak.scope.negotiation.ScopeEngine;
import jakarta.ws.rs.core.Response;
import org.keycloak.OAuthErrorException;
import org.keycloak.events.Errors;
import org.keycloak.protocol.oidc.endpoints.AuthorizationEndpointCheckProvider;
import org.keycloak.protocol.oidc.endpoints.AuthorizationEndpointChecker.AuthorizationCheckException;
import org.keycloak.protocol.oidc.endpoints.AuthorizationEndpointChecker;
import org.keycloak.protocol.oidc.endpoints.request.AuthorizationEndpointRequest;

/**
 * Rejects an authorization request with a malformed SMART scope: the app gets {@code invalid_scope} on its redirect
 * URI (with {@code state} and {@code iss}) and an {@code error_description} naming the scope, the problem and the
 * position. While the server cannot negotiate SMART scopes at all ({@link ScopeEngine#problem}), it refuses every
 * request for one rather than let Keycloak grant ceilings verbatim. Runs after Keycloak has validated the redirect
 * URI, and only for clients the pack handles ({@link ScopeEngine#handles}). A scope the FHIR server's profile cannot
 * take ({@link ProfileScopes#refusal}: v2 for Google's Cloud Healthcare API) is refused the same way.
 */
final class SmartScopeRequestCheck implements AuthorizationEndpointCheckProvider {

    static final String EVENT_DETAIL = "smart_invalid_scope";

    private final Optional<String> engineProblem;

    SmartScopeRequestCheck(Optional<String> engineProblem) {
        this.engineProblem = engineProblem;
    }

    @Override
    public void check(AuthorizationEndpointChecker context) throws AuthorizationCheckException {
        if (!ScopeEngine.handles(context.getClient())) {
            return;
        }
        ScopeRequest scope = ScopeRequest.of(context.getAuthorizationEndpointRequest().getScope());
        if (engineProblem.isPresent()) {
            Optional<String> smartScope = scope.firstSmartScope();
            if (smartScope.isPresent()) {
                throw refuse(context, smartScope.get(), ScopeEngine.UNAVAILABLE);
            }
        }
        Optional<ScopeSyntaxException> malformed = scope.firstMalformed();
        if (malformed.isPresent()) {
            throw refuse(context, malformed.get().scope(), malformed.get().getMessage());
        }
        AuthorizationEndpointRequest request = context.getAuthorizationEndpointRequest();
        String audience = Optional.ofNullable(request.getAdditionalReqParams().get("aud")).orElse(request.getResource());
        Optional<ProfileScopes.Refusal> refusal = ProfileScopes.refusal(
                RequestedProfile.forAudience(context.getClient(), audience), scope.resourceScopes());
        if (refusal.isPresent()) {
            throw refuse(context, refusal.get().scope(), refusal.get().description());
        }
    }

    private static AuthorizationCheckException refuse(AuthorizationEndpointChecker context, String scope,
            String description) {
        context.getEventBuilder().detail(EVENT_DETAIL, scope).error(Errors.INVALID_REQUEST);
        return new AuthorizationCheckException(Response.Status.BAD_REQUEST, OAuthErrorException.INVALID_SCOPE,
                description);
    }

    @Override
    public void close() {
    }
}
