package io.github.smartonkeycloak.it.federation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.smartonkeycloak.it.support.BrowserlessLogin;
import io.github.smartonkeycloak.it.support.DemoUsers;
import io.github.smartonkeycloak.it.support.Http;
import io.github.smartonkeycloak.it.support.Jwt;
import io.github.smartonkeycloak.it.support.LaunchApi;
import io.github.smartonkeycloak.it.support.RealmFixtures;
import io.github.smartonkeycloak.it.support.SmartAppFlow;
import io.github.smartonkeycloak.it.support.SmartRealm;
import io.github.smartonkeycloak.it.support.SmartServerConfig;
import io.github.smartonkeycloak.it.support.TokenEndpoint;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.FederatedIdentityRepresentation;
import org.keycloak.representations.idm.RoleRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.injection.LifeCycle;
import org.keycloak.testframework.realm.ManagedRealm;

/**
 * Federated sign-in on a real Keycloak: the user signs in at an external identity provider (a second realm, over
 * OpenID Connect and SAML) that the smart realm brokers. The first sign-in creates and links the user, with
 * {@code fhirUser}, linked patient records and the clinician role taken from the provider's claims or attributes; the
 * SMART steps (launch context, patient picker, SMART consent) run in the {@code smart post broker login} flow bound
 * to the provider, because Keycloak does not go back to the browser flow after a broker login.
 */
@KeycloakIntegrationTest(config = SmartServerConfig.class)
class FederatedSignInIT {

    private static final String APP = "federated-test-app";
    private static final String PATIENT_SCOPES = "launch/patient openid fhirUser patient/*.rs";
    private static final String EHR_SCOPES = "launch openid fhirUser patient/*.rs";

    @InjectRealm(fromJson = SmartRealm.JSON, config = SmartRealm.FreshId.class, lifecycle = LifeCycle.GLOBAL)
    ManagedRealm realm;

    /** The external provider; the framework removes the realm after this class. */
    @InjectRealm(ref = "hospital-idp")
    ManagedRealm hospitalRealm;

    private final DemoUsers demo = DemoUsers.load();
    private HospitalIdp hospital;
    private SmartBroker broker;

    @BeforeEach
    void setUp() {
        new RealmFixtures(realm).publicClient(APP, List.of("launch", "launch/patient", "launch/encounter", "fhirUser",
                "patient/*.rs", "user/*.rs"), true);
        hospital = new HospitalIdp(hospitalRealm, realm.getBaseUrl());
        broker = new SmartBroker(realm, hospital);
    }

    @Test
    void oidcStandaloneLaunchCreatesTheUserFromTheClaimsAndRunsThePickerAndConsent() {
        providerUser("portal-oidc", demo.patient().fhirUser(), demo.patient().patientIds(), null);
        hospital.oidcClient(SmartBroker.OIDC_ALIAS);
        broker.oidc(SmartBroker.POST_BROKER_FLOW);

        standaloneLaunchChoosingBen("portal-oidc", SmartBroker.OIDC_ALIAS);

        assertCreatedAndLinked("portal-oidc", SmartBroker.OIDC_ALIAS, demo.patient().fhirUser(), demo.patient().patientIds());
    }

    @Test
    void samlStandaloneLaunchCreatesTheUserFromTheAttributesAndRunsThePickerAndConsent() {
        providerUser("portal-saml", demo.patient().fhirUser(), demo.patient().patientIds(), null);
        hospital.samlClient(SmartBroker.SAML_ALIAS);
        broker.saml(SmartBroker.POST_BROKER_FLOW);

        standaloneLaunchChoosingBen("portal-saml", SmartBroker.SAML_ALIAS);

        assertCreatedAndLinked("portal-saml", SmartBroker.SAML_ALIAS, demo.patient().fhirUser(), demo.patient().patientIds());
    }

    @Test
    void oidcEhrLaunchForAClinicianThenAgainForTheLinkedUserTheLaunchNames() {
        ehrLaunchTwice("doc-oidc", SmartBroker.OIDC_ALIAS, () -> {
            hospital.oidcClient(SmartBroker.OIDC_ALIAS);
            broker.oidc(SmartBroker.POST_BROKER_FLOW);
        });
    }

    @Test
    void samlEhrLaunchForAClinicianThenAgainForTheLinkedUserTheLaunchNames() {
        ehrLaunchTwice("doc-saml", SmartBroker.SAML_ALIAS, () -> {
            hospital.samlClient(SmartBroker.SAML_ALIAS);
            broker.saml(SmartBroker.POST_BROKER_FLOW);
        });
    }

    @Test
    void theFirstSignInLinksAnExistingAccountAfterItsPasswordAndTakesFhirUserFromTheProvider() {
        providerUser("link-me", demo.patient().fhirUser(), demo.patient().patientIds(), null);
        String existing = broker.localUser("link-me");
        hospital.oidcClient(SmartBroker.OIDC_ALIAS);
        broker.oidc(SmartBroker.POST_BROKER_FLOW);
        BrowserlessLogin browser = new BrowserlessLogin(realm.getBaseUrl()).choosingPatient("ben-shaw");

        JsonNode tokens = app(SmartBroker.OIDC_ALIAS).inBrowser(browser).tokens(PATIENT_SCOPES, credentials("link-me"));

        assertThat(browser.pagesSeen()).containsExactly(BrowserlessLogin.KEYCLOAK_LINK_ACCOUNT, "patient-picker", "consent");
        assertThat(tokens.path("patient").asText()).isEqualTo("ben-shaw");
        UserRepresentation user = assertCreatedAndLinked("link-me", SmartBroker.OIDC_ALIAS, demo.patient().fhirUser(),
                demo.patient().patientIds());
        assertThat(user.getId()).as("the existing account, not a new one").isEqualTo(existing);
        assertThat(Jwt.payload(tokens.path("access_token").asText()).path("sub").asText()).isEqualTo(existing);
    }

    /**
     * Why the flow binding is needed (IdentityBrokerService.finishBrokerAuthentication in Keycloak 26.7.0 goes from
     * the broker straight to required actions and the code): without it no SMART step runs, so no patient is chosen,
     * no SMART consent is asked (Keycloak's stock consent page instead), and the token endpoint refuses patient/
     * scopes without a patient in context.
     */
    @Test
    void withoutThePostBrokerLoginFlowNoSmartStepRunsAndPatientScopesAreRefused() {
        providerUser("portal-unbound", demo.patient().fhirUser(), demo.patient().patientIds(), null);
        hospital.oidcClient(SmartBroker.OIDC_ALIAS);
        broker.oidc(null);
        BrowserlessLogin browser = new BrowserlessLogin(realm.getBaseUrl());

        SmartAppFlow.Authorization authorization = app(SmartBroker.OIDC_ALIAS).inBrowser(browser)
                .authorize(PATIENT_SCOPES, credentials("portal-unbound"));

        // No patient picker and no SMART consent: only Keycloak's own consent page (the app asks for consent).
        assertThat(browser.pagesSeen()).containsExactly(BrowserlessLogin.KEYCLOAK_CONSENT);
        assertThat(authorization.redirect()).containsKey("code");
        Http.Response token = new TokenEndpoint(realm.getBaseUrl())
                .exchangeCodeAsPublicClient(authorization.redirect().get("code"), authorization.pkce(), APP);
        assertThat(token.status()).as(token.body()).isEqualTo(400);
        assertThat(token.json().path("error").asText()).isEqualTo("invalid_scope");
    }

    private void standaloneLaunchChoosingBen(String username, String alias) {
        BrowserlessLogin browser = new BrowserlessLogin(realm.getBaseUrl()).choosingPatient("ben-shaw");

        JsonNode tokens = app(alias).inBrowser(browser).tokens(PATIENT_SCOPES, credentials(username));

        assertThat(browser.pagesSeen()).containsExactly("patient-picker", "consent");
        assertThat(tokens.path("patient").asText()).isEqualTo("ben-shaw");
        assertThat(Jwt.payload(tokens.path("access_token").asText()).path("patient").asText()).isEqualTo("ben-shaw");
        assertThat(Jwt.payload(tokens.path("id_token").asText()).path("fhirUser").asText())
                .isEqualTo(demo.patient().fhirUser());
        assertThat(SmartAppFlow.scopes(tokens.path("scope").asText())).contains("fhirUser", "launch/patient");
    }

    private void ehrLaunchTwice(String username, String alias, Runnable setUpProvider) {
        providerUser(username, demo.practitioner().fhirUser(), List.of(), "clinician");
        setUpProvider.run();
        LaunchApi launches = new LaunchApi(realm.getBaseUrl());

        // First sign-in: the user does not exist yet, so the EHR names none.
        BrowserlessLogin first = new BrowserlessLogin(realm.getBaseUrl());
        JsonNode tokens = app(alias).with("launch", launches.register(Map.of("client_id", APP, "patient", "amy-shaw")))
                .inBrowser(first).tokens(EHR_SCOPES, credentials(username));
        assertEhrContext(tokens, first);
        UserRepresentation user = assertCreatedAndLinked(username, alias, demo.practitioner().fhirUser(), List.of());
        assertThat(realm.admin().users().get(user.getId()).roles().realmLevel().listAll().stream()
                .map(RoleRepresentation::getName)).as("role from the provider").contains("clinician");

        // Later: the EHR names the user, the provider's sign-in finds the same, linked user, and the launch binds.
        BrowserlessLogin again = new BrowserlessLogin(realm.getBaseUrl());
        JsonNode second = app(alias).with("launch", launches.register(Map.of("client_id", APP, "patient", "amy-shaw",
                "user", username))).inBrowser(again).tokens(EHR_SCOPES, credentials(username));
        assertThat(second.path("patient").asText()).isEqualTo("amy-shaw");
        assertThat(Jwt.payload(second.path("access_token").asText()).path("sub").asText()).isEqualTo(user.getId());
        assertThat(realm.admin().users().searchByUsername(username, true)).hasSize(1);
    }

    private void assertEhrContext(JsonNode tokens, BrowserlessLogin browser) {
        assertThat(browser.pagesSeen()).as("no picker: the EHR gave the patient").containsExactly("consent");
        assertThat(tokens.path("patient").asText()).isEqualTo("amy-shaw");
        assertThat(Jwt.payload(tokens.path("access_token").asText()).path("patient").asText()).isEqualTo("amy-shaw");
        assertThat(Jwt.payload(tokens.path("id_token").asText()).path("fhirUser").asText())
                .isEqualTo(demo.practitioner().fhirUser());
    }

    private UserRepresentation assertCreatedAndLinked(String username, String alias, String fhirUser, List<String> patientIds) {
        UserRepresentation user = broker.user(username);
        assertThat(user).as("user created by the first sign-in").isNotNull();
        Map<String, List<String>> attributes = realm.admin().users().get(user.getId()).toRepresentation().getAttributes();
        assertThat(attributes.get("fhirUser")).containsExactly(fhirUser);
        if (!patientIds.isEmpty()) {
            assertThat(attributes.get("patientIds")).containsExactlyInAnyOrderElementsOf(patientIds);
        }
        List<FederatedIdentityRepresentation> links = realm.admin().users().get(user.getId()).getFederatedIdentity();
        assertThat(links).extracting(FederatedIdentityRepresentation::getIdentityProvider).containsExactly(alias);
        assertThat(links.get(0).getUserName()).isEqualTo(username);
        return user;
    }

    private void providerUser(String username, String fhirUser, List<String> patientIds, String role) {
        hospital.user(username, fhirUser, patientIds, role);
        broker.removeUserAfterTest(username);
    }

    /** The app, sending the user to the provider at once ({@code kc_idp_hint}, as a hospital's portal link does). */
    private SmartAppFlow app(String alias) {
        return new SmartAppFlow(realm.getBaseUrl(), APP).with("kc_idp_hint", alias);
    }

    /** The provider's credentials (password = username); the smart realm never sees them. */
    private static DemoUsers.DemoUser credentials(String username) {
        return new DemoUsers.DemoUser(username, username, null, List.of());
    }
}
