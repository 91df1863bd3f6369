package io.github.smartonkeycloak.launch.token;

import io.github.smartonkeycloak.launch.LaunchContext;
import io.github.smartonkeycloak.launch.LaunchContextJson;
import io.github.smartonkeycloak.launch.LaunchNotes;
import org.keycloak.models.AuthenticatedClientSessionModel;
import org.keycloak.protocol.oidc.token.TokenPostProcessor;
import org.keycloak.protocol.oidc.token.TokenPostProcessorContext;
import org.keycloak.representations.AccessToken;
import org.keycloak.representations.RefreshToken;

/**
 * Binds a launch context to the tokens of one authorization. At the code exchange it takes the context noted for
 * this code (by the code's PKCE challenge, see {@link LaunchNotes}) from the client session; at a refresh it takes
 * it from the refresh token. It then puts the context into the new refresh token and the access token, and hands it
 * to the token-response mapper. The client session is only a hand-over point, so a later launch of the same app in
 * the same browser session cannot change the context of earlier tokens.
 */
final class LaunchContextBinding implements TokenPostProcessor {

    /** Where the token-response mapper finds the context ({@code ClientSessionContext} attribute). */
    static final String ATTRIBUTE = LaunchContext.class.getName();
    /** The refresh-token claim that carries the context to the next refresh (refresh tokens are opaque to apps). */
    static final String REFRESH_TOKEN_CLAIM = "smart_launch_context";

    @Override
    public void process(TokenPostProcessorContext context) {
        LaunchContext launch = context.code() != null ? fromClientSession(context) : fromRefreshToken(context);
        if (launch == null) {
            return;
        }
        if (context.clientSessionCtx() != null) {
            context.clientSessionCtx().setAttribute(ATTRIBUTE, launch);
        }
        RefreshToken refreshToken = context.refreshToken();
        if (refreshToken != null) {
            refreshToken.getOtherClaims().put(REFRESH_TOKEN_CLAIM, LaunchContextJson.write(launch));
        }
        AccessToken accessToken = context.accessToken();
        if (accessToken != null) {
            launch.asJsonFields().forEach(accessToken::setOtherClaims);
        }
    }

    private static LaunchContext fromClientSession(TokenPostProcessorContext context) {
        if (context.clientSessionCtx() == null) {
            return null;
        }
        AuthenticatedClientSessionModel clientSession = context.clientSessionCtx().getClientSession();
        String note = LaunchNotes.noteName(context.code().getCodeChallenge());
        String json = clientSession.getNote(note);
        if (json == null) {
            return null;
        }
        // Codes are single-use; the refresh token carries the context from here on.
        clientSession.removeNote(note);
        return LaunchContextJson.read(json);
    }

    private static LaunchContext fromRefreshToken(TokenPostProcessorContext context) {
        RefreshToken refreshed = context.requestRefreshToken();
        if (refreshed == null) {
            return null;
        }
        Object json = refreshed.getOtherClaims().get(REFRESH_TOKEN_CLAIM);
        return json instanceof String text ? LaunchContextJson.read(text) : null;
    }
}
