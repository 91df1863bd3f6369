package io.github.smartonkeycloak.launch.authenticator;

import io.github.smartonkeycloak.launch.LaunchContext;
import io.github.smartonkeycloak.launch.SmartLaunchEvents;
import io.github.smartonkeycloak.launch.flow.PendingAuthorization;
import io.github.smartonkeycloak.launch.flow.SmartStep;
import org.keycloak.authentication.AuthenticationFlowContext;

/**
 * The SMART step of the browser flow, after the user is known. It records the launch context an EHR launch brought
 * on Keycloak's login event (ids only), whether the user typed a password or came back with an SSO cookie; the
 * pickers after it add what the user chooses.
 */
final class SmartLaunchContextAuthenticator extends SmartStep {

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        PendingAuthorization authorization = new PendingAuthorization(context.getSession(), context.getAuthenticationSession());
        LaunchContext launch = authorization.launchContext();
        context.getEvent()
                .detail(SmartLaunchEvents.PATIENT, launch.patient())
                .detail(SmartLaunchEvents.ENCOUNTER, launch.encounter());
        String launchId = authorization.launchId();
        if (launchId != null && launchId.length() >= 8) {
            context.getEvent().detail(SmartLaunchEvents.LAUNCH, launchId.substring(0, 8));
        }
        context.success();
    }

    @Override
    public void action(AuthenticationFlowContext context) {
        context.success();
    }
}
