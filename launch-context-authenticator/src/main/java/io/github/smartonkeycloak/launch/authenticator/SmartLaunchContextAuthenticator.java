package io.github.smartonkeycloak.launch.authenticator;

import io.github.smartonkeycloak.launch.LaunchContext;
import io.github.smartonkeycloak.launch.LaunchContextJson;
import io.github.smartonkeycloak.launch.LaunchNotes;
import io.github.smartonkeycloak.launch.SmartLaunchEvents;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.Authenticator;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.protocol.oidc.OIDCLoginProtocol;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * The SMART step of the browser flow, after the user is known. It records the launch context of this authorization
 * on Keycloak's login event (ids only), whether the user typed a password or came back with an SSO cookie.
 */
final class SmartLaunchContextAuthenticator implements Authenticator {

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        String note = authSession.getClientNote(
                LaunchNotes.noteName(authSession.getClientNote(OIDCLoginProtocol.CODE_CHALLENGE_PARAM)));
        if (note != null) {
            LaunchContext launch = LaunchContextJson.read(note);
            context.getEvent()
                    .detail(SmartLaunchEvents.PATIENT, launch.patient())
                    .detail(SmartLaunchEvents.ENCOUNTER, launch.encounter());
            String launchId = authSession.getClientNote(LaunchNotes.KEYCLOAK_PARAMETER_NOTE_PREFIX + "launch");
            if (launchId != null && launchId.length() >= 8) {
                context.getEvent().detail(SmartLaunchEvents.LAUNCH, launchId.substring(0, 8));
            }
        }
        context.success();
    }

    @Override
    public void action(AuthenticationFlowContext context) {
        context.success();
    }

    @Override
    public boolean requiresUser() {
        return true;
    }

    @Override
    public boolean configuredFor(KeycloakSession session, RealmModel realm, UserModel user) {
        return true;
    }

    @Override
    public void setRequiredActions(KeycloakSession session, RealmModel realm, UserModel user) {
    }

    @Override
    public void close() {
    }
}
