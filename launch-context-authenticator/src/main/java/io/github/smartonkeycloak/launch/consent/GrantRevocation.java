package io.github.smartonkeycloak.launch.consent;

import org.keycloak.models.AuthenticatedClientSessionModel;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.protocol.oidc.TokenManager;
import org.keycloak.services.managers.UserSessionManager;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * Ends one user's grant to one app when its consent is gone: the offline sessions (offline tokens) and the app's
 * client sessions in the online ones, so refresh is refused and introspection answers inactive. Works without a
 * request (the withdrawal poll), hence no backchannel logout call to the app, unlike the account console's
 * "Remove access".
 */
public final class GrantRevocation {

    private GrantRevocation() {
    }

    public static void revoke(KeycloakSession session, RealmModel realm, UserModel user, ClientModel client) {
        new UserSessionManager(session).revokeOfflineToken(user, client);
        session.sessions().getUserSessionsStream(realm, user).toList().forEach(userSession -> {
            AuthenticatedClientSessionModel clientSession = userSession.getAuthenticatedClientSessionByClient(client.getId());
            if (clientSession != null) {
                clientSession.setAction(AuthenticationSessionModel.Action.LOGGED_OUT.name());
                TokenManager.detachClientSession(clientSession);
            }
        });
    }
}
