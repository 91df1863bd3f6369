package io.github.smartonkeycloak.launch.standalone.encounter;

import java.util.List;

import io.github.smartonkeycloak.core.fhir.EncounterSummary;
import io.github.smartonkeycloak.core.fhir.FhirUnavailableException;
import io.github.smartonkeycloak.core.fhir.PatientDirectory;
import io.github.smartonkeycloak.core.launch.LaunchContext;
import io.github.smartonkeycloak.launch.directory.PatientDirectoryProvider;
import io.github.smartonkeycloak.launch.flow.FlowPages;
import io.github.smartonkeycloak.launch.flow.OfferedChoices;
import io.github.smartonkeycloak.launch.flow.PendingAuthorization;
import io.github.smartonkeycloak.launch.flow.SmartLaunchEvents;
import io.github.smartonkeycloak.launch.flow.SmartStep;
import io.github.smartonkeycloak.launch.flow.TemplateModels;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.AuthenticationFlowError;
import org.keycloak.events.Errors;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.protocol.LoginProtocol;

/**
 * The standalone-launch encounter picker: when the app asks for {@code launch/encounter}, a patient is in context and
 * no encounter is, the user chooses one of the patient's encounters (newest first) or none. A patient without
 * encounters gets none without a page. The choice must be one the page offered.
 */
final class EncounterPickerAuthenticator extends SmartStep {

    static final String TEMPLATE = "smart-encounter-picker.ftl";
    static final String OFFERED_NOTE = "smart.encounter.offered";
    /** The form value of "no encounter". */
    static final String NONE = "";

    private static final Logger LOG = Logger.getLogger(EncounterPickerAuthenticator.class);

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        PendingAuthorization authorization = new PendingAuthorization(context.getSession(), context.getAuthenticationSession());
        LaunchContext launch = authorization.launchContext();
        if (!authorization.requests("launch/encounter") || launch.patient() == null || launch.encounter() != null) {
            context.success();
            return;
        }
        show(context, launch.patient(), null, Response.Status.OK);
    }

    @Override
    public void action(AuthenticationFlowContext context) {
        if (FlowPages.pressed(context, FlowPages.CANCEL)) {
            FlowPages.deny(context, LoginProtocol.Error.CANCELLED_BY_USER, Errors.REJECTED_BY_USER,
                    "the user did not choose an encounter");
            return;
        }
        PendingAuthorization authorization = new PendingAuthorization(context.getSession(), context.getAuthenticationSession());
        LaunchContext launch = authorization.launchContext();
        String chosen = context.getHttpRequest().getDecodedFormParameters().getFirst("encounter");
        if (chosen == null) {
            show(context, launch.patient(), null, Response.Status.OK);
            return;
        }
        if (!chosen.equals(NONE) && !offered(context).wasOffered(chosen)) {
            context.getEvent().detail(SmartLaunchEvents.ERROR, "encounter not offered to the user");
            Response again = page(context, launch.patient(), "smart-picker-invalid-choice", Response.Status.BAD_REQUEST);
            if (again == null) {
                context.success();
            } else {
                context.failureChallenge(AuthenticationFlowError.ACCESS_DENIED, again);
            }
            return;
        }
        if (!chosen.equals(NONE)) {
            authorization.launchContext(launch.withEncounter(chosen));
            context.getEvent().detail(SmartLaunchEvents.ENCOUNTER, chosen);
        }
        offered(context).clear();
        context.success();
    }

    private void show(AuthenticationFlowContext context, String patientId, String error, Response.Status status) {
        Response response = page(context, patientId, error, status);
        if (response == null) {
            context.success();
        } else {
            context.challenge(response);
        }
    }

    /** The page, an error page if the FHIR server cannot answer, or null when there is nothing to choose. */
    private Response page(AuthenticationFlowContext context, String patientId, String error, Response.Status status) {
        PatientDirectory fhir = PatientDirectoryProvider.of(context.getSession());
        try {
            List<EncounterSummary> encounters = fhir.encounters(patientId, EncounterPickerConfig.of(
                    context.getAuthenticatorConfig()).maxEncounters());
            if (encounters.isEmpty()) {
                return null;
            }
            offered(context).offer(encounters.stream().map(EncounterSummary::id).toList());
            LoginFormsProvider form = FlowPages.form(context)
                    .setAttribute("encounters", encounters.stream().map(TemplateModels::encounter).toList());
            if (error != null) {
                form.setError(error);
            }
            return FlowPages.withFhirTime(Response.fromResponse(form.createForm(TEMPLATE)).status(status).build(),
                    fhir.timeWaited());
        } catch (FhirUnavailableException e) {
            LOG.warnf("Encounter picker: %s", e.getMessage());
            context.getEvent().detail(SmartLaunchEvents.ERROR, "FHIR server unavailable");
            return FlowPages.withFhirTime(
                    FlowPages.error(context, Response.Status.BAD_GATEWAY, "smart-fhir-unavailable", true), fhir.timeWaited());
        }
    }

    private static OfferedChoices offered(AuthenticationFlowContext context) {
        return new OfferedChoices(context.getAuthenticationSession(), OFFERED_NOTE);
    }
}
