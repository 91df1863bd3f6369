package io.github.smartonkeycloak.demo.ehrlauncher;

import java.net.URI;
import java.util.List;
import java.util.Optional;

import io.github.smartonkeycloak.core.fhir.EncounterSummary;
import io.github.smartonkeycloak.core.fhir.FhirUnavailableException;
import io.github.smartonkeycloak.core.fhir.PatientDirectory;
import io.github.smartonkeycloak.core.fhir.PatientSummary;
import io.github.smartonkeycloak.core.launch.LaunchContext;
import io.github.smartonkeycloak.core.launch.LaunchRequest;
import io.github.smartonkeycloak.core.settings.SmartRealmSettings;
import io.github.smartonkeycloak.launch.directory.PatientDirectoryProvider;
import io.github.smartonkeycloak.launch.ehr.LaunchResourceProviderFactory;
import io.github.smartonkeycloak.launch.ehr.LaunchStore;
import io.github.smartonkeycloak.launch.flow.FlowPages;
import io.github.smartonkeycloak.launch.flow.TemplateModels;
import io.github.smartonkeycloak.launch.standalone.patient.PatientAuthority;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import org.keycloak.common.util.SecretGenerator;
import org.keycloak.crypto.Algorithm;
import org.keycloak.crypto.KeyUse;
import org.keycloak.crypto.KeyWrapper;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.protocol.oidc.OIDCLoginProtocol;
import org.keycloak.protocol.oidc.OIDCLoginProtocolService;
import org.keycloak.protocol.oidc.utils.PkceUtils;
import org.keycloak.services.managers.AuthenticationManager.AuthResult;
import org.keycloak.services.managers.AuthenticationManager;
import org.keycloak.services.resources.RealmsResource;

/**
 * DEMO ONLY. The demo EHR launcher at {@code /realms/{realm}/smart-launch/ehr}: a signed-in clinician picks a
 * patient (from the FHIR server), optionally one of their encounters, and an app, and is sent to the app's launch URL
 * with {@code iss} and a fresh {@code launch}. It stands in for an EHR so that EHR launches can be tried and tested.
 * Clinicians are the users with the patient picker's clinician role (the picker's setting in the browser flow).
 */
public final class EhrLauncherResource {

    /** The public client the launcher signs clinicians in with (redirect URI: this page). */
    public static final String LAUNCHER_CLIENT = "smart-ehr-launcher";
    static final String TEMPLATE = "smart-ehr-launcher.ftl";

    private static final int PAGE_SIZE = 20;
    private static final int STATE_LENGTH = 16;

    private final KeycloakSession session;
    private final RealmModel realm;

    EhrLauncherResource(KeycloakSession session) {
        this.session = session;
        this.realm = session.getContext().getRealm();
    }

    /*
     * The launch API returns this resource from a locator typed Object (it cannot name a class of this jar), so
     * RESTEasy Reactive knows it only as a possible sub-resource, which needs a method-level @Path.
     */
    @GET
    @Path("/")
    @Produces(MediaType.TEXT_HTML)
    public Response page(@QueryParam("search") String search, @QueryParam("patient") String patientId) {
        AuthResult signedIn = AuthenticationManager.authenticateIdentityCookie(session, realm, true);
        if (signedIn == null) {
            return Response.seeOther(loginUrl()).build();
        }
        if (!isClinician(signedIn)) {
            return FlowPages.error(session, Response.Status.FORBIDDEN, "smart-ehr-launcher-clinicians-only", null);
        }
        PatientDirectory fhir = PatientDirectoryProvider.of(session);
        try {
            List<PatientSummary> patients = fhir.searchPatients(search, PAGE_SIZE);
            Optional<PatientSummary> selected = patientId == null || patientId.isBlank()
                    ? Optional.empty() : fhir.readPatient(patientId);
            List<EncounterSummary> encounters = selected.map(p -> fhir.encounters(p.id(), PAGE_SIZE)).orElse(List.of());
            return session.getProvider(LoginFormsProvider.class)
                    .setAttribute("search", search == null ? "" : search)
                    .setAttribute("patients", patients.stream().map(TemplateModels::patient).toList())
                    .setAttribute("selectedPatient", selected.map(TemplateModels::patient).orElse(null))
                    .setAttribute("encounters", encounters.stream().map(TemplateModels::encounter).toList())
                    .setAttribute("apps", LaunchableApps.of(realm).stream().map(LaunchableApps.App::asTemplateModel).toList())
                    .setAttribute("launcherUrl", launcherUrl().toString())
                    .setAttribute("csrf", csrf().token(signedIn.session().getId()))
                    .createForm(TEMPLATE);
        } catch (FhirUnavailableException e) {
            return FlowPages.error(session, Response.Status.BAD_GATEWAY, "smart-fhir-unavailable", launcherUrl());
        }
    }

    @POST
    @Path("/")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response launch(@FormParam("patient") String patientId, @FormParam("encounter") String encounterId,
            @FormParam("client_id") String clientId, @FormParam("csrf") String csrf) {
        AuthResult signedIn = AuthenticationManager.authenticateIdentityCookie(session, realm, true);
        if (signedIn == null || !isClinician(signedIn) || !csrf().accepts(signedIn.session().getId(), csrf)) {
            return FlowPages.error(session, Response.Status.FORBIDDEN, "smart-ehr-launcher-clinicians-only", launcherUrl());
        }
        Optional<LaunchableApps.App> app = LaunchableApps.find(realm, clientId);
        if (app.isEmpty() || patientId == null || patientId.isBlank()) {
            return FlowPages.error(session, Response.Status.BAD_REQUEST, "smart-ehr-launcher-choose", launcherUrl());
        }
        PatientDirectory fhir = PatientDirectoryProvider.of(session);
        try {
            PatientSummary patient = fhir.readPatient(patientId).orElse(null);
            boolean encounterOfPatient = encounterId == null || encounterId.isBlank() || patient != null
                    && fhir.encounters(patient.id(), PAGE_SIZE).stream().anyMatch(e -> e.id().equals(encounterId));
            if (patient == null || !encounterOfPatient) {
                return FlowPages.error(session, Response.Status.BAD_REQUEST, "smart-ehr-launcher-choose", launcherUrl());
            }
            String encounter = encounterId == null || encounterId.isBlank() ? null : encounterId;
            SmartRealmSettings config = SmartRealmSettings.of(realm.getAttributes());
            LaunchContext context = LaunchContext.EMPTY.withPatient(patient.id()).withEncounter(encounter).withBannerIfAbsent(false);
            // The launch belongs to the signed-in clinician: nobody else can complete an authorization with it.
            String iss = config.fhirBaseUrls().primary();
            LaunchRequest request = new LaunchRequest(app.get().clientId(), context, signedIn.user().getId(), iss);
            String launch = new LaunchStore(session).register(realm, request, config.launchLifespanSeconds());
            URI target = UriBuilder.fromUri(app.get().launchUrl())
                    .queryParam("iss", iss)
                    .queryParam("launch", launch)
                    .build();
            return Response.seeOther(target).build();
        } catch (FhirUnavailableException e) {
            return FlowPages.error(session, Response.Status.BAD_GATEWAY, "smart-fhir-unavailable", launcherUrl());
        }
    }

    private boolean isClinician(AuthResult signedIn) {
        return PatientAuthority.isClinician(realm, signedIn.user());
    }

    private URI launcherUrl() {
        return RealmsResource.realmBaseUrl(session.getContext().getUri())
                .path(LaunchResourceProviderFactory.PROVIDER_ID).path("ehr")
                .build(realm.getName());
    }

    /** Keycloak's own login, for the launcher's client, coming back to this page; the code is never used. */
    private URI loginUrl() {
        return RealmsResource.protocolUrl(session.getContext().getUri())
                .path(OIDCLoginProtocolService.class, "auth")
                .queryParam(OIDCLoginProtocol.CLIENT_ID_PARAM, LAUNCHER_CLIENT)
                .queryParam(OIDCLoginProtocol.REDIRECT_URI_PARAM, launcherUrl().toString())
                .queryParam(OIDCLoginProtocol.RESPONSE_TYPE_PARAM, "code")
                .queryParam(OIDCLoginProtocol.SCOPE_PARAM, "openid")
                .queryParam(OIDCLoginProtocol.STATE_PARAM, SecretGenerator.getInstance().randomString(STATE_LENGTH))
                .queryParam(OIDCLoginProtocol.CODE_CHALLENGE_PARAM,
                        PkceUtils.generateS256CodeChallenge(PkceUtils.generateCodeVerifier()))
                .queryParam(OIDCLoginProtocol.CODE_CHALLENGE_METHOD_PARAM, OIDCLoginProtocol.PKCE_METHOD_S256)
                .build(realm.getName(), OIDCLoginProtocol.LOGIN_PROTOCOL);
    }

    /** Keyed with the realm's active HMAC key: only this server can make a token that {@link #launch} accepts. */
    private LauncherCsrf csrf() {
        KeyWrapper key = session.keys().getActiveKey(realm, KeyUse.SIG, Algorithm.HS512);
        return new LauncherCsrf(key.getSecretKey().getEncoded());
    }
}
