package io.github.smartonkeycloak.launch.consent.enforcement;

import io.github.smartonkeycloak.core.launch.ContextField;
import io.github.smartonkeycloak.core.scope.ScopeRequest;
import org.keycloak.OAuthErrorException;
import org.keycloak.events.EventType;
import org.keycloak.models.AuthenticatedClientSessionModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.UserModel;
import org.keycloak.protocol.oidc.token.TokenInterceptorException;
import org.keycloak.protocol.oidc.token.TokenPostProcessor;
import org.keycloak.protocol.oidc.token.TokenPostProcessorContext;
import org.keycloak.representations.AccessToken;

/**
 * Checks consent at the code exchange and at every refresh, after the launch context is bound (so the token names
 * its patient): no new token without an active Consent that covers the grant ({@code invalid_grant} otherwise).
 */
final class ConsentEnforcement implements TokenPostProcessor {

    private final KeycloakSession session;

    ConsentEnforcement(KeycloakSession session) {
        this.session = session;
    }

    @Override
    public void process(TokenPostProcessorContext context) {
        AccessToken token = context.accessToken();
        if ((context.code() == null && context.requestRefreshToken() == null) || token == null
                || context.clientSessionCtx() == null) {
            return;
        }
        AuthenticatedClientSessionModel clientSession = context.clientSessionCtx().getClientSession();
        UserModel user = clientSession.getUserSession() == null ? null : clientSession.getUserSession().getUser();
        Object patient = token.getOtherClaims().get(ContextField.PATIENT.claim());
        ConsentEnforcer.Outcome outcome = ConsentEnforcer.check(session, clientSession.getRealm(), user,
                clientSession.getClient(), patient == null ? null : patient.toString(),
                ScopeRequest.of(token.getScope()).resourceScopeNames());
        if (!outcome.allowed()) {
            ConsentEnforcer.sendError(session, clientSession.getRealm(), user, clientSession.getClient(),
                    context.code() != null ? EventType.CODE_TO_TOKEN_ERROR : EventType.REFRESH_TOKEN_ERROR, outcome);
            throw new TokenInterceptorException(OAuthErrorException.INVALID_GRANT, outcome.reason());
        }
    }
}
