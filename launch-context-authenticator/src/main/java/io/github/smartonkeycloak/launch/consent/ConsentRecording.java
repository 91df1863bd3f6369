package io.github.smartonkeycloak.launch.consent;

import java.util.Optional;

import io.github.smartonkeycloak.core.consent.record.ConsentVerdict;
import io.github.smartonkeycloak.core.consent.record.ConsentVerdictKind;
import io.github.smartonkeycloak.core.fhir.FhirUnavailableException;
import io.github.smartonkeycloak.core.settings.SmartRealmSettings;
import io.github.smartonkeycloak.launch.consent.store.GrantSubject;
import io.github.smartonkeycloak.launch.consent.store.SmartConsentStore;
import io.github.smartonkeycloak.launch.flow.FlowPages;
import io.github.smartonkeycloak.launch.flow.PendingAuthorization;
import io.github.smartonkeycloak.launch.flow.SmartLaunchEvents;
import jakarta.ws.rs.core.Response;
import org.keycloak.OAuth2Constants;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.events.Errors;
import org.keycloak.protocol.LoginProtocol;

/**
 * The consent step's side of the realm's consent store: a patient's standing deny stops the grant before the page,
 * the decision (asked or remembered) is recorded, and a store that cannot be reached stops the grant: no code without
 * a consent decision on record. A stopped grant shows a readable page whose only button returns
 * {@code access_denied} to the app; the authentication-session note {@value #STOPPED_NOTE} remembers why.
 */
final class ConsentRecording {

    static final String STOPPED_NOTE = "smart_consent_stopped";
    static final String STOPPED_MESSAGE_NOTE = "smart_consent_stopped_message";
    static final String DENIED_BY_PREFERENCE = "smart-consent-denied-by-preference";
    static final String STORE_UNAVAILABLE = "smart-consent-store-unavailable";

    private ConsentRecording() {
    }

    /** Whether the realm keeps consent records outside Keycloak (then writing one is worth the consent lock). */
    static boolean keepsRecords(AuthenticationFlowContext context) {
        return SmartRealmSettings.CONSENT_STORE_FHIR.equals(SmartRealmSettings.of(context.getRealm().getAttributes()).consentStore());
    }

    /** False when the patient's preferences refuse this app, or cannot be read; the page is then shown. */
    static boolean preferenceAllows(AuthenticationFlowContext context, PendingAuthorization authorization) {
        ConsentVerdict verdict;
        try {
            verdict = store(context).preference(subject(context, authorization));
        } catch (FhirUnavailableException e) {
            stop(context, STORE_UNAVAILABLE, "the consent records cannot be read: " + e.getMessage(), Errors.INVALID_REQUEST);
            return false;
        }
        if (verdict.kind() == ConsentVerdictKind.DENIED) {
            context.getEvent().detail(SmartLaunchEvents.CONSENT_RECORD, verdict.recordId());
            stop(context, DENIED_BY_PREFERENCE, "the patient's consent preferences refuse this app (" + verdict.reason() + ")",
                    Errors.CONSENT_DENIED);
            return false;
        }
        return true;
    }

    /** Records the decision now applied to the request; false (page shown) when the store cannot be reached. */
    static boolean record(AuthenticationFlowContext context, PendingAuthorization authorization) {
        Optional<SmartConsentStore.RecordedConsent> recorded;
        try {
            recorded = store(context).record(subject(context, authorization),
                    authorization.requestedScopes().resourceScopeNames(), authorization.requests(OAuth2Constants.OFFLINE_ACCESS));
        } catch (FhirUnavailableException e) {
            stop(context, STORE_UNAVAILABLE, "the consent decision cannot be recorded: " + e.getMessage(), Errors.INVALID_REQUEST);
            return false;
        }
        recorded.ifPresent(record -> context.getEvent()
                .detail(SmartLaunchEvents.PATIENT, authorization.launchContext().patient())
                .detail(SmartLaunchEvents.CONSENT_RECORD, record.reference())
                .detail(SmartLaunchEvents.CONSENT_CHANGE, record.change()));
        return true;
    }

    /** In the step's action: true when the grant was stopped earlier, and this request is answered here. */
    static boolean answeredStopped(AuthenticationFlowContext context) {
        String stopped = context.getAuthenticationSession().getAuthNote(STOPPED_NOTE);
        if (stopped == null) {
            return false;
        }
        if (FlowPages.pressed(context, FlowPages.CANCEL)) {
            FlowPages.deny(context, LoginProtocol.Error.CONSENT_DENIED, Errors.CONSENT_DENIED, stopped);
        } else {
            String messageKey = context.getAuthenticationSession().getAuthNote(STOPPED_MESSAGE_NOTE);
            context.challenge(FlowPages.error(context, status(messageKey), messageKey, false));
        }
        return true;
    }

    private static void stop(AuthenticationFlowContext context, String messageKey, String reason, String eventError) {
        context.getAuthenticationSession().setAuthNote(STOPPED_NOTE, reason);
        context.getAuthenticationSession().setAuthNote(STOPPED_MESSAGE_NOTE, messageKey);
        context.getEvent().detail(SmartLaunchEvents.ERROR, reason).error(eventError);
        context.challenge(FlowPages.error(context, status(messageKey), messageKey, false));
    }

    private static Response.Status status(String messageKey) {
        return STORE_UNAVAILABLE.equals(messageKey) ? Response.Status.SERVICE_UNAVAILABLE : Response.Status.FORBIDDEN;
    }

    private static SmartConsentStore store(AuthenticationFlowContext context) {
        return SmartConsentStore.of(context.getSession(), context.getRealm());
    }

    private static GrantSubject subject(AuthenticationFlowContext context, PendingAuthorization authorization) {
        return new GrantSubject(context.getRealm(), context.getUser(), authorization.client(),
                authorization.launchContext().patient());
    }
}
