package io.github.smartonkeycloak.launch.ehr;

import java.util.Optional;

import io.github.smartonkeycloak.core.fhir.FhirUser;
import io.github.smartonkeycloak.core.launch.LaunchContext;
import io.github.smartonkeycloak.core.launch.LaunchRequest;
import io.github.smartonkeycloak.core.settings.SmartRealmSettings;
import io.github.smartonkeycloak.launch.flow.FlowPages;
import io.github.smartonkeycloak.launch.flow.PendingAuthorization;
import io.github.smartonkeycloak.launch.flow.SmartLaunchEvents;
import io.github.smartonkeycloak.launch.flow.SmartStep;
import org.jboss.logging.Logger;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.events.Errors;
import org.keycloak.protocol.LoginProtocol;

/**
 * The SMART step of the browser flow, after the user is known. For an EHR launch it spends the launch (exactly once,
 * cluster-wide) and binds its context to this authorization, but only for the EHR user the launch was registered
 * for, when the EHR named one: anyone else gets {@code access_denied} on the app's redirect URI and no code. It
 * records the context on Keycloak's login event (ids only), whether the user typed a password or came back with an
 * SSO cookie; the pickers after it check the patient against the user and add what the user chooses.
 */
final class SmartLaunchContextAuthenticator extends SmartStep {

    private static final Logger LOG = Logger.getLogger(SmartLaunchContextAuthenticator.class);

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        PendingAuthorization authorization = new PendingAuthorization(context.getSession(), context.getAuthenticationSession());
        String launchId = authorization.launchId();
        if (launchId != null) {
            context.getEvent().detail(SmartLaunchEvents.LAUNCH, launchId.length() >= 8 ? launchId.substring(0, 8) : launchId);
            if (!bindLaunch(context, authorization, launchId)) {
                return;
            }
        }
        withoutFhirUserWhenTheUserHasNone(context, authorization);
        LaunchContext launch = authorization.launchContext();
        context.getEvent()
                .detail(SmartLaunchEvents.PATIENT, launch.patient())
                .detail(SmartLaunchEvents.ENCOUNTER, launch.encounter());
        context.success();
    }

    /**
     * SMART: {@code openid fhirUser} means the ID token names the user's FHIR resource. A user without the
     * {@code fhirUser} attribute (a brokered or LDAP user, a new account) has none: the scope is left out of the grant,
     * so the app sees in the token response's {@code scope} that it did not get it, and the login event says why.
     */
    private static void withoutFhirUserWhenTheUserHasNone(AuthenticationFlowContext context, PendingAuthorization authorization) {
        if (!authorization.requests(FhirUser.NAME) || context.getUser().getFirstAttribute(FhirUser.NAME) != null) {
            return;
        }
        authorization.scopeParameter(authorization.requestedScopes().filter(scope -> !FhirUser.NAME.equals(scope)));
        context.getEvent().detail(SmartLaunchEvents.WARNING, "fhirUser requested, but the user has no fhirUser attribute");
        LOG.warnf("User %s has no fhirUser attribute; the fhirUser scope was left out of the grant", context.getUser().getId());
    }

    private static boolean bindLaunch(AuthenticationFlowContext context, PendingAuthorization authorization, String launchId) {
        int lifespan = SmartRealmSettings.of(context.getRealm().getAttributes()).launchLifespanSeconds();
        Optional<LaunchRequest> consumed = new LaunchStore(context.getSession()).consume(context.getRealm(), launchId, lifespan);
        if (consumed.isEmpty() || !consumed.get().clientId().equals(authorization.client().getClientId())) {
            FlowPages.deny(context, LoginProtocol.Error.CONSENT_DENIED, Errors.INVALID_REQUEST,
                    "launch is unknown, expired or already used");
            return false;
        }
        LaunchRequest launch = consumed.get();
        if (launch.user() != null && !launch.user().equals(context.getUser().getId())) {
            FlowPages.deny(context, LoginProtocol.Error.CONSENT_DENIED, Errors.ACCESS_DENIED,
                    "the launch belongs to another user");
            return false;
        }
        // An EHR shows its own patient banner unless it says otherwise; apps style themselves after the realm's style.
        authorization.launchContext(launch.context().withBannerIfAbsent(false).withStyleUrlIfAbsent(
                LaunchResource.styleUrl(context.getSession().getContext().getUri(), context.getRealm())));
        return true;
    }

    @Override
    public void action(AuthenticationFlowContext context) {
        context.success();
    }
}
