package io.github.smartonkeycloak.common;

import org.keycloak.models.AuthenticatedClientSessionModel;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.protocol.oidc.TokenManager;
import org.keycloak.services.managers.AuthenticationManager;
import org.keycloak.services.managers.UserSessionManager;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * Ends what a user granted an app: its offline tokens and its client sessions in every login session of the user (so
 * refresh tokens and the access tokens of those sessions stop), the way Keycloak's "Remove access" does, but keeping
 * the consent record. Used when a new consent replaces the old one, when a reused refresh token revokes its family,
 * and when a grant's FHIR Consent is withdrawn. Outside a request (a scheduled task) there is nothing to send a
 * backchannel logout with, so the client sessions are only detached; the app's tokens stop all the same.
 */
public final class EarlierGrants {

    private EarlierGrants() {
    }

    public static void revoke(KeycloakSession session, RealmModel realm, UserModel user, ClientModel client) {
        new UserSessionManager(session).revokeOfflineToken(user, client);
        if (RequestUris.baseUri(session).isPresent()) {
            AuthenticationManager.backchannelLogoutUserFromClient(session, realm, user, client,
                    session.getContext().getUri(), session.getContext().getRequestHeaders());
            return;
        }
        session.sessions().getUserSessionsStream(realm, user).toList().forEach(userSession -> {
            AuthenticatedClientSessionModel clientSession = userSession.getAuthenticatedClientSessionByClient(client.getId());
            if (clientSession != null) {
                clientSession.setAction(AuthenticationSessionModel.Action.LOGGED_OUT.name());
                TokenManager.detachClientSession(clientSession);
            }
        });
    }
}
