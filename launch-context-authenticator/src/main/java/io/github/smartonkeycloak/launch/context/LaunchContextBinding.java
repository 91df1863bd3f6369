package io.github.smartonkeycloak.launch.context;


import io.github.smartonkeycloak.core.launch.ContextField;
import io.github.smartonkeycloak.core.launch.LaunchContext;
import io.github.smartonkeycloak.core.launch.LaunchContextJson;
import io.github.smartonkeycloak.core.scope.ScopeRequest;
import io.github.smartonkeycloak.launch.standalone.patient.PatientAuthority;
import org.keycloak.OAuthErrorException;
import org.keycloak.models.AuthenticatedClientSessionModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.UserSessionModel;
import org.keycloak.protocol.oidc.token.TokenInterceptorException;
import org.keycloak.protocol.oidc.token.TokenPostProcessor;
import org.keycloak.protocol.oidc.token.TokenPostProcessorContext;
import org.keycloak.representations.AccessToken;
import org.keycloak.representations.RefreshToken;

/**
 * Binds a launch context to the tokens of one authorization. At the code exchange it takes the context noted for
 * this code (by the code's PKCE challenge, see {@link LaunchNotes}) from the client session; at a refresh it takes
 * it from the refresh token, and checks again that the user may still act for its patient. It then puts the context
 * into the new refresh token and the access token, and hands it to the token-response mapper. The client session is
 * only a hand-over point, so a later launch of the same app in the same browser session cannot change the context
 * of earlier tokens. Whatever the grant, no access token carries a {@code patient/} scope without a patient.
 */
final class LaunchContextBinding implements TokenPostProcessor {

    /** Where the token-response mapper finds the context ({@code ClientSessionContext} attribute). */
    static final String ATTRIBUTE = LaunchContext.class.getName();
    /** The refresh-token claim that carries the context to the next refresh (refresh tokens are opaque to apps). */
    static final String REFRESH_TOKEN_CLAIM = "smart_launch_context";

    private final KeycloakSession session;

    LaunchContextBinding(KeycloakSession session) {
        this.session = session;
    }

    @Override
    public void process(TokenPostProcessorContext context) {
        LaunchContext launch = context.code() != null ? fromClientSession(context) : fromRefreshToken(context);
        AccessToken accessToken = context.accessToken();
        if (launch == null) {
            requirePatientForPatientScopes(accessToken);
            return;
        }
        if (context.clientSessionCtx() != null) {
            context.clientSessionCtx().setAttribute(ATTRIBUTE, launch);
        }
        RefreshToken refreshToken = context.refreshToken();
        if (refreshToken != null) {
            refreshToken.getOtherClaims().put(REFRESH_TOKEN_CLAIM, LaunchContextJson.write(launch));
        }
        if (accessToken != null) {
            launch.asJsonFields().forEach(accessToken::setOtherClaims);
        }
        requirePatientForPatientScopes(accessToken);
    }

    private LaunchContext fromClientSession(TokenPostProcessorContext context) {
        if (context.clientSessionCtx() == null) {
            return null;
        }
        AuthenticatedClientSessionModel clientSession = context.clientSessionCtx().getClientSession();
        String note = LaunchNotes.noteName(context.code().getCodeChallenge());
        String json = clientSession.getNote(note);
        if (json == null) {
            return null;
        }
        // Codes are single-use; the refresh token carries the context from here on. Keycloak copied the notes into
        // the offline session, if the code made one, before this runs: remove the copy too.
        clientSession.removeNote(note);
        if (context.clientSessionCtx().isOfflineTokenRequested()) {
            removeFromOfflineSession(clientSession, note); // only an offline grant has the copy: no lookup otherwise
        }
        return LaunchContextJson.read(json);
    }

    private void removeFromOfflineSession(AuthenticatedClientSessionModel clientSession, String note) {
        UserSessionModel online = clientSession.getUserSession();
        if (online == null) {
            return;
        }
        UserSessionModel offline = session.sessions().getOfflineUserSession(clientSession.getRealm(), online.getId());
        if (offline == null) {
            return;
        }
        AuthenticatedClientSessionModel offlineClient = offline.getAuthenticatedClientSessionByClient(clientSession.getClient().getId());
        if (offlineClient != null && offlineClient.getNote(note) != null) {
            offlineClient.removeNote(note);
        }
    }

    private static LaunchContext fromRefreshToken(TokenPostProcessorContext context) {
        RefreshToken refreshed = context.requestRefreshToken();
        if (refreshed == null) {
            return null;
        }
        Object json = refreshed.getOtherClaims().get(REFRESH_TOKEN_CLAIM);
        if (!(json instanceof String text)) {
            return null;
        }
        LaunchContext launch = LaunchContextJson.read(text);
        if (launch.patient() != null && context.clientSessionCtx() != null) {
            UserSessionModel userSession = context.clientSessionCtx().getClientSession().getUserSession();
            if (userSession != null && userSession.getUser() != null && !PatientAuthority.mayActFor(
                    userSession.getRealm(), userSession.getUser(), launch.patient())) {
                throw new TokenInterceptorException(OAuthErrorException.INVALID_GRANT,
                        "the user may no longer act for the patient in context");
            }
        }
        return launch;
    }

    /** SMART: a server that grants a {@code patient/} scope establishes a patient in context; refuse otherwise. */
    private static void requirePatientForPatientScopes(AccessToken accessToken) {
        if (accessToken == null || accessToken.getOtherClaims().get(ContextField.PATIENT.claim()) != null || accessToken.getScope() == null) {
            return;
        }
        boolean patientScope = ScopeRequest.of(accessToken.getScope()).anyMatch(scope -> scope.startsWith("patient/"));
        if (patientScope) {
            throw new TokenInterceptorException(OAuthErrorException.INVALID_SCOPE,
                    "patient/ scopes need a patient in context, and this grant has none (use a SMART launch)");
        }
    }
}
