package io.github.smartonkeycloak.common;

import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.services.managers.AuthenticationManager;
import org.keycloak.services.managers.UserSessionManager;

/**
 * Ends what a user granted an app: its offline tokens and its client sessions in every login session of the user (so
 * refresh tokens and the access tokens of those sessions stop), the way Keycloak's "Remove access" does, but keeping
 * the consent record. Used when a new consent replaces the old one, and when a reused refresh token revokes its family.
 */
public final class EarlierGrants {

    private EarlierGrants() {
    }

    public static void revoke(KeycloakSession session, RealmModel realm, UserModel user, ClientModel client) {
        new UserSessionManager(session).revokeOfflineToken(user, client);
        AuthenticationManager.backchannelLogoutUserFromClient(session, realm, user, client,
                session.getContext().getUri(), session.getContext().getRequestHeaders());
    }
}
