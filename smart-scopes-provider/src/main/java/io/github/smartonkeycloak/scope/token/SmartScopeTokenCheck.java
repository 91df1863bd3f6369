package io.github.smartonkeycloak.scope.token;

import java.util.Optional;

import io.github.smartonkeycloak.common.TokenRequestForm;
import io.github.smartonkeycloak.core.resourceserver.ProfileScopes;
import io.github.smartonkeycloak.core.scope.ScopeContext;
import io.github.smartonkeycloak.core.scope.ScopeRequest;
import io.github.smartonkeycloak.core.scope.SmartScopeParser;
import io.github.smartonkeycloak.scope.negotiation.RequestedProfile;
import io.github.smartonkeycloak.scope.negotiation.ScopeEngine;
import org.keycloak.OAuth2Constants;
import org.keycloak.OAuthErrorException;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.protocol.oidc.token.TokenInterceptorException;
import org.keycloak.protocol.oidc.token.TokenPostProcessor;
import org.keycloak.protocol.oidc.token.TokenPostProcessorContext;
import org.keycloak.representations.RefreshToken;

/**
 * The token endpoint's part of SMART scope handling, for clients the pack handles ({@link ScopeEngine#handles}):
 * <ul>
 *   <li>while the server cannot negotiate SMART scopes ({@link ScopeEngine#problem}), no token that names or carries
 *       one is issued;</li>
 *   <li>a malformed SMART scope (client_credentials, password, refresh) is {@code invalid_scope} with a message that
 *       says what is wrong, not a silent drop;</li>
 *   <li>a refresh may repeat granted scopes or leave some out, never add one: Keycloak would silently ignore the
 *       extra scope, SMART apps get {@code invalid_scope} instead. A {@code system/} scope is refused outright: it
 *       is never granted with a refresh token.</li>
 * </ul>
 */
final class SmartScopeTokenCheck implements TokenPostProcessor {


    private final KeycloakSession session;
    private final Optional<String> engineProblem;

    SmartScopeTokenCheck(KeycloakSession session, Optional<String> engineProblem) {
        this.session = session;
        this.engineProblem = engineProblem;
    }

    @Override
    public void process(TokenPostProcessorContext context) {
        if (!ScopeEngine.handles(client(context))) {
            return;
        }
        TokenRequestForm form = TokenRequestForm.current(session).orElse(null);
        String scopeParam = form == null ? null : form.scope().orElse(null);
        ScopeRequest requested = ScopeRequest.of(scopeParam);
        if (engineProblem.isPresent() && (requested.namesSmartScope() || carriesResourceScope(context))) {
            throw new TokenInterceptorException(OAuthErrorException.INVALID_SCOPE, ScopeEngine.UNAVAILABLE);
        }
        if (scopeParam == null) {
            return;
        }
        requested.firstMalformed().ifPresent(malformed -> {
            throw new TokenInterceptorException(OAuthErrorException.INVALID_SCOPE, malformed.getMessage());
        });
        // A backend token names no FHIR server: the client's profile or the one every server of the realm shares.
        ProfileScopes.refusal(RequestedProfile.forAudience(client(context), null), requested.resourceScopes()).ifPresent(refusal -> {
            throw new TokenInterceptorException(OAuthErrorException.INVALID_SCOPE, refusal.description());
        });
        // The grant type comes from the form: for offline tokens Keycloak replaces the context that carried it.
        RefreshToken refreshed = context.requestRefreshToken();
        if (form.isRefresh() && refreshed != null) {
            rejectSystemScopes(requested);
            rejectWidening(requested, ScopeRequest.of(refreshed.getScope()));
        }
    }

    private ClientModel client(TokenPostProcessorContext context) {
        ClientModel client = session.getContext().getClient();
        if (client == null && context.clientSessionCtx() != null) {
            client = context.clientSessionCtx().getClientSession().getClient();
        }
        return client;
    }

    private static boolean carriesResourceScope(TokenPostProcessorContext context) {
        return context.accessToken() != null
                && !ScopeRequest.of(context.accessToken().getScope()).resourceScopes().isEmpty();
    }

    private static void rejectSystemScopes(ScopeRequest requested) {
        for (String scope : requested.names()) {
            SmartScopeParser.resourceScope(scope).filter(resource -> resource.context() == ScopeContext.SYSTEM)
                    .ifPresent(system -> {
                        throw new TokenInterceptorException(OAuthErrorException.INVALID_SCOPE, scope
                                + ": system/ scopes are granted only to a backend service's client_credentials"
                                + " request, never with a refresh token");
                    });
        }
    }

    private static void rejectWidening(ScopeRequest requested, ScopeRequest granted) {
        for (String scope : requested.namesNotIn(granted)) {
            if (!OAuth2Constants.SCOPE_OPENID.equals(scope)) {
                throw new TokenInterceptorException(OAuthErrorException.INVALID_SCOPE, scope
                        + ": not granted to this refresh token; a refresh may repeat granted scopes or leave some out,"
                        + " but not add or change one");
            }
        }
    }
}
