package io.github.smartonkeycloak.launch.standalone.patient;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.github.smartonkeycloak.core.fhir.FhirUnavailableException;
import io.github.smartonkeycloak.core.fhir.FhirUser;
import io.github.smartonkeycloak.core.fhir.PatientDirectory;
import io.github.smartonkeycloak.core.fhir.PatientPage;
import io.github.smartonkeycloak.core.fhir.PatientSummary;
import io.github.smartonkeycloak.core.launch.LaunchContext;
import io.github.smartonkeycloak.core.picker.PatientSearchQuery;
import io.github.smartonkeycloak.core.picker.SearchFilter;
import io.github.smartonkeycloak.core.scope.ScopeContext;
import io.github.smartonkeycloak.launch.directory.PatientDirectoryProvider;
import io.github.smartonkeycloak.launch.ehr.LaunchResource;
import io.github.smartonkeycloak.launch.flow.FlowPages;
import io.github.smartonkeycloak.launch.flow.OfferedChoices;
import io.github.smartonkeycloak.launch.flow.PendingAuthorization;
import io.github.smartonkeycloak.launch.flow.SmartLaunchEvents;
import io.github.smartonkeycloak.launch.flow.SmartStep;
import io.github.smartonkeycloak.launch.flow.TemplateModels;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.AuthenticationFlowError;
import org.keycloak.events.Errors;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.protocol.LoginProtocol;

/**
 * The standalone-launch patient picker. It runs when the authorization asks for {@code launch/patient}, or grants a
 * {@code patient/} scope, and no patient is in context yet (an EHR launch brings its own). Patient users choose
 * among the records linked to them; clinicians search the FHIR server. The chosen id is checked on the server
 * against what was offered (and, for clinicians, against the FHIR server and the search filter) before it goes
 * into the launch context. A patient an EHR launch brought is checked too: a user who is not a clinician gets
 * {@code access_denied} unless it is one of their linked records. If the FHIR server cannot answer, the user gets
 * an error page with "try again", and the authorization cannot complete.
 */
final class PatientPickerAuthenticator extends SmartStep {

    static final String TEMPLATE = "smart-patient-picker.ftl";
    /** Auth-session note with the ids the last page offered (ids only, never names). */
    static final String OFFERED_NOTE = "smart.picker.offered";

    private static final Logger LOG = Logger.getLogger(PatientPickerAuthenticator.class);

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        PendingAuthorization authorization = new PendingAuthorization(context.getSession(), context.getAuthenticationSession());
        String launchPatient = authorization.launchContext().patient();
        if (launchPatient != null && !mayActFor(context, launchPatient)) {
            FlowPages.deny(context, LoginProtocol.Error.CONSENT_DENIED, Errors.ACCESS_DENIED,
                    "the launch's patient is not one of the user's records");
            return;
        }
        if (!needsPatient(authorization, context.getUser())) {
            context.success();
            return;
        }
        show(context, "", 0, null);
    }

    static boolean needsPatient(PendingAuthorization authorization, UserModel user) {
        if (authorization.launchContext().patient() != null) {
            return false;
        }
        return authorization.requests("launch/patient") || authorization.grantedResourceScopes(user).stream()
                .anyMatch(scope -> scope.context() == ScopeContext.PATIENT);
    }

    @Override
    public void action(AuthenticationFlowContext context) {
        MultivaluedMap<String, String> form = context.getHttpRequest().getDecodedFormParameters();
        if (FlowPages.pressed(context, FlowPages.CANCEL)) {
            FlowPages.deny(context, LoginProtocol.Error.CANCELLED_BY_USER, Errors.REJECTED_BY_USER,
                    "the user did not choose a patient");
            return;
        }
        String chosen = form.getFirst("patient");
        if (chosen == null) {
            show(context, form.getFirst("search"), pageNumber(form.getFirst("page")), null);
            return;
        }
        PatientDirectory fhir = PatientDirectoryProvider.of(context.getSession());
        try {
            if (!offered(context).wasOffered(chosen) || !mayPick(context, fhir, chosen)) {
                context.getEvent().detail(SmartLaunchEvents.ERROR, "patient not offered to the user");
                context.failureChallenge(AuthenticationFlowError.ACCESS_DENIED,
                        render(context, "", 0, "smart-picker-invalid-choice", Response.Status.BAD_REQUEST, fhir));
                return;
            }
        } catch (FhirUnavailableException e) {
            unavailable(context, e, fhir);
            return;
        }
        choose(context, chosen);
    }

    private void show(AuthenticationFlowContext context, String search, int page, String error) {
        PatientDirectory fhir = PatientDirectoryProvider.of(context.getSession());
        try {
            Response response = render(context, search, page, error, Response.Status.OK, fhir);
            if (response != null) {
                context.challenge(response);
            }
        } catch (FhirUnavailableException e) {
            unavailable(context, e, fhir);
        }
    }

    /** The picker page, or null when the single linked record was chosen without asking. */
    private Response render(AuthenticationFlowContext context, String search, int page, String error,
            Response.Status status, PatientDirectory fhir) {
        PatientPickerConfig config = PatientPickerConfig.of(context.getAuthenticatorConfig());
        boolean clinician = isClinician(context.getRealm(), context.getUser(), config);
        PatientSearchQuery query = PatientSearchQuery.parse(search);
        PatientPage found;
        if (clinician) {
            SearchFilter filter = filter(context, config);
            found = filter.matchesNothing() ? new PatientPage(List.of(), false)
                    : fhir.searchPatients(concat(query.parameters(), filter.parameters()), page, config.pageSize());
        } else {
            List<String> linked = linkedPatients(context.getUser(), config);
            List<PatientSummary> patients = fhir.patients(linked, query.parameters());
            if (patients.isEmpty() && query.isEmpty()) {
                return FlowPages.error(context, Response.Status.FORBIDDEN, "smart-picker-no-records", false);
            }
            if (patients.size() == 1 && query.isEmpty() && config.autoSelectSingle() && error == null) {
                choose(context, patients.get(0).id());
                return null;
            }
            found = new PatientPage(patients, false);
        }
        offered(context).offer(found.patients().stream().map(PatientSummary::id).toList());
        LoginFormsProvider form = FlowPages.form(context)
                .setAttribute("patients", found.patients().stream().map(TemplateModels::patient).toList())
                .setAttribute("search", search == null ? "" : search)
                .setAttribute("page", page)
                .setAttribute("hasNext", found.hasNext())
                .setAttribute("clinician", clinician);
        if (error != null) {
            form.setError(error);
        }
        return FlowPages.withFhirTime(Response.fromResponse(form.createForm(TEMPLATE)).status(status).build(),
                fhir.timeWaited());
    }

    private void choose(AuthenticationFlowContext context, String patientId) {
        PendingAuthorization authorization = new PendingAuthorization(context.getSession(), context.getAuthenticationSession());
        authorization.launchContext(standaloneContext(context, authorization.launchContext().withPatient(patientId)));
        offered(context).clear();
        context.getEvent().detail(SmartLaunchEvents.PATIENT, patientId);
        context.success();
    }

    /** A standalone app shows its own patient banner, styled after the realm. */
    private static LaunchContext standaloneContext(AuthenticationFlowContext context, LaunchContext launchContext) {
        return launchContext.withBannerIfAbsent(true)
                .withStyleUrlIfAbsent(LaunchResource.styleUrl(context.getSession().getContext().getUri(), context.getRealm()));
    }

    private static OfferedChoices offered(AuthenticationFlowContext context) {
        return new OfferedChoices(context.getAuthenticationSession(), OFFERED_NOTE);
    }

    /**
     * Whether the user may act for the patient an EHR launch brought: clinicians act for the patients their EHR
     * opens; anyone else only for their own linked records, whoever registered the launch.
     */
    private static boolean mayActFor(AuthenticationFlowContext context, String patientId) {
        return PatientAuthority.mayActFor(context.getRealm(), context.getUser(),
                PatientPickerConfig.of(context.getAuthenticatorConfig()), patientId);
    }

    /** Checked again at the moment of choice: the links or the FHIR server may have changed since the page. */
    private static boolean mayPick(AuthenticationFlowContext context, PatientDirectory fhir, String patientId) {
        PatientPickerConfig config = PatientPickerConfig.of(context.getAuthenticatorConfig());
        if (isClinician(context.getRealm(), context.getUser(), config)) {
            SearchFilter filter = filter(context, config);
            return !filter.matchesNothing() && !fhir.patients(List.of(patientId), filter.parameters()).isEmpty();
        }
        return linkedPatients(context.getUser(), config).contains(patientId);
    }

    private static void unavailable(AuthenticationFlowContext context, FhirUnavailableException e, PatientDirectory fhir) {
        // The reason only; never what was searched for.
        LOG.warnf("Patient picker: %s", e.getMessage());
        context.getEvent().detail(SmartLaunchEvents.ERROR, "FHIR server unavailable");
        context.challenge(FlowPages.withFhirTime(
                FlowPages.error(context, Response.Status.BAD_GATEWAY, "smart-fhir-unavailable", true), fhir.timeWaited()));
    }

    static boolean isClinician(RealmModel realm, UserModel user, PatientPickerConfig config) {
        return PatientAuthority.isClinician(realm, user, config);
    }

    private static List<String> linkedPatients(UserModel user, PatientPickerConfig config) {
        return PatientAuthority.linkedPatients(user, config);
    }

    private static SearchFilter filter(AuthenticationFlowContext context, PatientPickerConfig config) {
        try {
            return SearchFilter.parse(config.searchFilter(), context.getUser().getFirstAttribute(FhirUser.NAME));
        } catch (IllegalArgumentException e) {
            // A broken filter must not widen the search: nobody can be picked until the admin fixes it.
            LOG.warnf("Patient picker: %s", e.getMessage());
            return SearchFilter.NOTHING;
        }
    }

    private static List<Map.Entry<String, String>> concat(List<Map.Entry<String, String>> first,
            List<Map.Entry<String, String>> second) {
        List<Map.Entry<String, String>> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }

    private static int pageNumber(String value) {
        return value != null && value.matches("\\d{1,2}") ? Integer.parseInt(value) : 0;
    }
}
