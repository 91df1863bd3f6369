package io.github.smartonkeycloak.common;

import java.util.function.Predicate;

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

    /**
     * Client-session note: when the grant passed its consent step (epoch milliseconds), copied from the authentication
     * session's client notes at login. Keycloak keeps a session's start in whole seconds only, too coarse to tell a
     * grant made just after a withdrawal from one made just before it.
     */
    public static final String CONSENT_CHECKED_AT_NOTE = "smart_consent_checked_at";

    private EarlierGrants() {
    }

    public static void revoke(KeycloakSession session, RealmModel realm, UserModel user, ClientModel client) {
        new UserSessionManager(session).revokeOfflineToken(user, client);
        if (RequestUris.baseUri(session).isPresent()) {
            AuthenticationManager.backchannelLogoutUserFromClient(session, realm, user, client,
                    session.getContext().getUri(), session.getContext().getRequestHeaders());
            return;
        }
        detachOnline(session, realm, user, client, clientSession -> true);
    }

    /**
     * Outside a request: ends only the grants made at or before {@code changedAtMillis} (epoch milliseconds), the time
     * of the Consent change that no longer permits them. A grant the user made after that change passed the consent
     * check of its own authorization, so a later look at the same change must leave it alone. A grant's time is when
     * it passed its consent step ({@link #CONSENT_CHECKED_AT_NOTE}); without that note, the second its client session
     * started, and a grant of the same second as the change is ended.
     */
    public static void revokeStartedBefore(KeycloakSession session, RealmModel realm, UserModel user, ClientModel client,
            long changedAtMillis) {
        Predicate<AuthenticatedClientSessionModel> startedBefore = clientSession -> madeAtOrBefore(clientSession, changedAtMillis);
        UserSessionManager userSessions = new UserSessionManager(session);
        session.sessions().getOfflineUserSessionsStream(realm, user).toList().forEach(offline -> {
            AuthenticatedClientSessionModel clientSession = offline.getAuthenticatedClientSessionByClient(client.getId());
            if (clientSession != null && startedBefore.test(clientSession)) {
                // UserSessionManager.removeClientFromOfflineUserSession, with the start time checked first.
                clientSession.detachFromUserSession();
                if (offline.getAuthenticatedClientSessions().isEmpty()) {
                    userSessions.revokeOfflineUserSession(offline);
                }
            }
        });
        detachOnline(session, realm, user, client, startedBefore);
    }

    static boolean madeAtOrBefore(AuthenticatedClientSessionModel clientSession, long changedAtMillis) {
        String checkedAt = clientSession.getNote(CONSENT_CHECKED_AT_NOTE);
        if (checkedAt != null) {
            try {
                return Long.parseLong(checkedAt) <= changedAtMillis;
            } catch (NumberFormatException e) {
                // not ours to trust: fall back to the session's start
            }
        }
        return clientSession.getStarted() <= Math.floorDiv(changedAtMillis, 1000L);
    }

    private static void detachOnline(KeycloakSession session, RealmModel realm, UserModel user, ClientModel client,
            Predicate<AuthenticatedClientSessionModel> matches) {
        session.sessions().getUserSessionsStream(realm, user).toList().forEach(userSession -> {
            AuthenticatedClientSessionModel clientSession = userSession.getAuthenticatedClientSessionByClient(client.getId());
            if (clientSession != null && matches.test(clientSession)) {
                clientSession.setAction(AuthenticationSessionModel.Action.LOGGED_OUT.name());
                TokenManager.detachClientSession(clientSession);
            }
        });
    }
}
