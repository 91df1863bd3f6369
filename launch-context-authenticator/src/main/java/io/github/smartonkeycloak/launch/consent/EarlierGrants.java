package io.github.smartonkeycloak.launch.consent;

import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.services.managers.AuthenticationManager;
import org.keycloak.services.managers.UserSessionManager;

/**
 * Ends what a user granted an app before: its offline tokens and its client sessions (so refresh tokens stop), the
 * way Keycloak's "Remove access" does, but keeping the consent record, which the new decision just replaced.
 */
final class EarlierGrants {

    private EarlierGrants() {
    }

    static void revoke(KeycloakSession session, RealmModel realm, UserModel user, ClientModel client) {
        new UserSessionManager(session).revokeOfflineToken(user, client);
        AuthenticationManager.backchannelLogoutUserFromClient(session, realm, user, client,
                session.getContext().getUri(), session.getContext().getRequestHeaders());
    }
}
