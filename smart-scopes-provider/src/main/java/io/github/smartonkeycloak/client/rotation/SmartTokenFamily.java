package io.github.smartonkeycloak.client.rotation;

import io.github.smartonkeycloak.common.EarlierGrants;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.UriInfo;
import org.keycloak.OAuthErrorException;
import org.keycloak.common.ClientConnection;
import org.keycloak.events.EventBuilder;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.protocol.oidc.TokenManager;
import org.keycloak.protocol.oidc.refresh.DefaultRefreshTokenProvider;
import org.keycloak.representations.RefreshToken;

/**
 * Keycloak's refresh, plus RFC 9700 §4.14.2: when the realm rotates refresh tokens and a rotated (already used)
 * refresh token comes back, the whole grant is revoked, not just the stale token refused. Whoever holds the newest
 * token of the family (the app, or a thief) loses it too: the user's online and offline sessions of that app end,
 * so its refresh tokens fail and its access tokens introspect inactive.
 *
 * <p>The check runs where Keycloak validates the token, after Keycloak has taken its per-lineage refresh lock, and
 * asks Keycloak's own reuse rule ({@link TokenManager#validateTokenReuse} in its read-only form), so it sees exactly
 * what Keycloak's own reuse check would see a moment later, and concurrent refreshes cannot slip past it.
 */
final class SmartTokenFamily extends DefaultRefreshTokenProvider {

    /** Event detail on the refused refresh's {@code REFRESH_TOKEN_ERROR} event. */
    static final String EVENT_DETAIL = "smart_token_family";
    static final String REVOKED = "revoked";

    SmartTokenFamily(KeycloakSession session) {
        super(session);
    }

    @Override
    protected TokenManager.TokenValidation validateToken(KeycloakSession session, UriInfo uriInfo,
            ClientConnection connection, RealmModel realm, RefreshToken oldToken, HttpHeaders headers, String scope,
            ClientModel client, TokenManager tokenManager, EventBuilder event) throws OAuthErrorException {
        TokenManager.TokenValidation validation = super.validateToken(session, uriInfo, connection, realm, oldToken,
                headers, scope, client, tokenManager, event);
        if (realm.isRevokeRefreshToken()) {
            try {
                // refreshFlag false: the same verdict as Keycloak's check, without counting this use.
                tokenManager.validateTokenReuse(session, realm, oldToken,
                        validation.clientSessionCtx.getClientSession(), false);
            } catch (OAuthErrorException reused) {
                EarlierGrants.revoke(session, realm, validation.user, client);
                event.user(validation.user).detail(EVENT_DETAIL, REVOKED);
                throw reused;
            }
        }
        return validation;
    }
}
