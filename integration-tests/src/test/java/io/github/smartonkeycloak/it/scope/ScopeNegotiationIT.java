package io.github.smartonkeycloak.it.scope;

import static io.github.smartonkeycloak.it.support.SmartAppFlow.scopes;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.smartonkeycloak.capability.SmartCapability;
import io.github.smartonkeycloak.core.settings.SmartRealmSettings;
import io.github.smartonkeycloak.it.support.BrowserlessLogin;
import io.github.smartonkeycloak.it.support.DemoUsers;
import io.github.smartonkeycloak.it.support.Http;
import io.github.smartonkeycloak.it.support.Jwt;
import io.github.smartonkeycloak.it.support.Pkce;
import io.github.smartonkeycloak.it.support.Proves;
import io.github.smartonkeycloak.it.support.RealmFixtures;
import io.github.smartonkeycloak.it.support.SmartAppFlow;
import io.github.smartonkeycloak.it.support.SmartRealm;
import io.github.smartonkeycloak.it.support.SmartServerConfig;
import io.github.smartonkeycloak.it.support.TestApps;
import io.github.smartonkeycloak.it.support.TestFhirServer;
import io.github.smartonkeycloak.it.support.TokenEndpoint;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.ClientScopeRepresentation;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.injection.LifeCycle;
import org.keycloak.testframework.realm.ManagedRealm;
import org.keycloak.testframework.util.ApiUtil;

/**
 * SMART scopes negotiated inside a real Keycloak: nothing pre-created per scope string, only ceilings assigned to
 * clients, and the granted scopes the same in the token response, the access token, introspection and refresh.
 */
@KeycloakIntegrationTest(config = SmartServerConfig.class)
class ScopeNegotiationIT {

    private static final String APP = "scope-test-app";
    private static final String DUAL_APP = "scope-test-app-and-backend";
    private static final String DUAL_SECRET = "scope-test-dual-secret";
    private static final String LAB = "patient/Observation.rs?category=http://terminology.hl7.org/CodeSystem/observation-category|laboratory";

    @InjectRealm(fromJson = SmartRealm.JSON, config = SmartRealm.FreshId.class, lifecycle = LifeCycle.GLOBAL)
    ManagedRealm realm;

    private final DemoUsers users = DemoUsers.load();

    private RealmFixtures fixtures() {
        return new RealmFixtures(realm);
    }

    /** An app with the realm's default SMART ceilings: patient/*.rs, user/*.rs (clinicians), launch, fhirUser, ... */
    private SmartAppFlow appWithRealmDefaults() {
        fixtures().publicClient(APP, List.of("patient/*.rs", "user/*.rs", "fhirUser", "launch", "launch/patient",
                "launch/encounter", "online_access", "offline_access"));
        return new SmartAppFlow(realm.getBaseUrl(), APP);
    }

    /** The granted set, checked to be the same in every place a client or resource server can read it. */
    private Set<String> grantedEverywhere(JsonNode tokens) {
        Set<String> response = scopes(tokens.path("scope").asText());
        String accessToken = tokens.path("access_token").asText();
        assertThat(scopes(Jwt.payload(accessToken).path("scope").asText())).as("access token scope").isEqualTo(response);
        JsonNode introspection = new TokenEndpoint(realm.getBaseUrl())
                .introspect(accessToken, "demo-fhir-server", "demo-fhir-server-secret").json();
        assertThat(introspection.path("active").asBoolean()).isTrue();
        assertThat(scopes(introspection.path("scope").asText())).as("introspection scope").isEqualTo(response);
        Http.Response refreshed = new TokenEndpoint(realm.getBaseUrl())
                .refreshAsPublicClient(tokens.path("refresh_token").asText(), APP, null);
        assertThat(refreshed.status()).as(refreshed.body()).isEqualTo(200);
        assertThat(scopes(refreshed.json().path("scope").asText())).as("refresh response scope").isEqualTo(response);
        assertThat(scopes(Jwt.payload(refreshed.json().path("access_token").asText()).path("scope").asText()))
                .as("refreshed access token scope").isEqualTo(response);
        return response;
    }

    @Test
    @Proves({SmartCapability.PERMISSION_V1, SmartCapability.PERMISSION_PATIENT})
    void aV1RequestIsAnsweredInV1() {
        Set<String> granted = grantedEverywhere(appWithRealmDefaults()
                .tokens("openid fhirUser patient/Observation.read patient/Patient.read", users.patient()));

        assertThat(granted).contains("openid", "fhirUser", "patient/Observation.read", "patient/Patient.read")
                .noneMatch(scope -> scope.endsWith(".rs"));
    }

    @Test
    @Proves(SmartCapability.PERMISSION_V2)
    void aV2RequestIsAnsweredInV2() {
        Set<String> granted = grantedEverywhere(appWithRealmDefaults()
                .tokens("openid patient/Observation.rs patient/Condition.rs", users.patient()));

        assertThat(granted).contains("patient/Observation.rs", "patient/Condition.rs");
    }

    @Test
    void infernosStandaloneListIsGrantedVerbatimWithItsNonResourceScopes() {
        String requested = "launch/patient openid fhirUser offline_access patient/Medication.rs patient/AllergyIntolerance.rs "
                + "patient/CarePlan.rs patient/CareTeam.rs patient/Condition.rs patient/Coverage.rs patient/Device.rs "
                + "patient/DiagnosticReport.rs patient/DocumentReference.rs patient/Encounter.rs patient/Goal.rs "
                + "patient/Immunization.rs patient/Location.rs patient/MedicationDispense.rs patient/MedicationRequest.rs "
                + "patient/Observation.rs patient/Organization.rs patient/Patient.rs patient/Practitioner.rs "
                + "patient/PractitionerRole.rs patient/Procedure.rs patient/Provenance.rs patient/QuestionnaireResponse.rs "
                + "patient/RelatedPerson.rs patient/ServiceRequest.rs patient/Specimen.rs";

        Set<String> granted = grantedEverywhere(appWithRealmDefaults().tokens(requested, users.patient()));

        assertThat(granted).containsAll(scopes(requested));
    }

    /**
     * US Core 7: discovery lists the US Core scopes, granular ones included, and a patient app that asks for every
     * granular patient scope listed gets each one (what Inferno's granular-scope groups request): the document
     * advertises only what the negotiation grants.
     */
    @Test
    void everyGranularPatientScopeDiscoveryListsIsGrantedInOneLaunch() {
        JsonNode document = Http.plain().get(realm.getBaseUrl() + "/.well-known/smart-configuration").json();
        List<String> granular = new ArrayList<>();
        document.path("scopes_supported").forEach(scope -> {
            if (scope.asText().startsWith("patient/") && scope.asText().contains("?")) {
                granular.add(scope.asText());
            }
        });
        assertThat(granular).hasSizeGreaterThanOrEqualTo(9);

        Set<String> granted = grantedEverywhere(appWithRealmDefaults()
                .tokens("launch/patient openid " + String.join(" ", granular), users.patient()));

        assertThat(granted).containsAll(granular).doesNotContain("patient/Observation.rs", "patient/Condition.rs");
    }

    @Test
    void granularScopesComeBackExactlyAsAskedByGetAndPost() {
        String requested = "openid " + LAB + " "
                + "patient/Condition.rs?category=http://hl7.org/fhir/us/core/CodeSystem/condition-category|health-concern "
                + "patient/Observation.rs?category=http%3A%2F%2Fterminology.hl7.org%2FCodeSystem%2Fobservation-category%7Csocial-history";

        Set<String> byGet = grantedEverywhere(appWithRealmDefaults().tokens(requested, users.patient()));
        Set<String> byPost = scopes(new SmartAppFlow(realm.getBaseUrl(), APP).byPost()
                .tokens(requested, users.patient()).path("scope").asText());

        assertThat(byGet).containsAll(scopes(requested)).doesNotContain("patient/Observation.rs", "patient/*.rs");
        assertThat(byPost).isEqualTo(byGet);
    }

    @Test
    void aCeilingNarrowsWhatTheAppGetsWithoutAnyScopeCreatedForTheRequest() {
        fixtures().ceiling("patient/Observation.rs");
        fixtures().publicClient(APP, List.of("patient/Observation.rs"));

        JsonNode tokens = new SmartAppFlow(realm.getBaseUrl(), APP)
                .tokens("openid patient/*.rs patient/Condition.rs " + LAB, users.patient());

        assertThat(grantedEverywhere(tokens)).contains("patient/Observation.rs", LAB)
                .doesNotContain("patient/*.rs", "patient/Condition.rs");
    }

    @Test
    @Proves(SmartCapability.PERMISSION_USER)
    void userScopesFollowTheUsersRoles() {
        SmartAppFlow app = appWithRealmDefaults();
        String requested = "openid user/Observation.rs patient/Patient.rs";

        Set<String> clinician = scopes(app.tokens(requested, users.practitioner()).path("scope").asText());
        Set<String> patient = scopes(app.tokens(requested, users.patient()).path("scope").asText());

        assertThat(clinician).contains("user/Observation.rs", "patient/Patient.rs");
        assertThat(patient).contains("patient/Patient.rs").doesNotContain("user/Observation.rs");
    }

    @Test
    void whatTheUserConsentedBoundsTheGrantAndRevokingConsentEndsIt() {
        fixtures().publicClient(APP, List.of("patient/*.rs", "offline_access"), true);
        JsonNode tokens = new SmartAppFlow(realm.getBaseUrl(), APP)
                .tokens("openid offline_access patient/Observation.rs", users.patient());
        assertThat(scopes(tokens.path("scope").asText())).contains("patient/Observation.rs");

        var user = realm.admin().users().searchByUsername(users.patient().username(), true).get(0);
        var consents = realm.admin().users().get(user.getId()).getConsents();
        assertThat(consents).anySatisfy(consent -> {
            assertThat(consent.get("clientId")).isEqualTo(APP);
            assertThat(consent.get("grantedClientScopes").toString()).contains("patient/*.rs");
        });
        realm.admin().users().get(user.getId()).revokeConsent(APP);

        Http.Response refresh = new TokenEndpoint(realm.getBaseUrl())
                .refreshAsPublicClient(tokens.path("refresh_token").asText(), APP, null);
        assertThat(refresh.status()).isEqualTo(400);
        assertThat(refresh.json().path("error").asText()).isIn("invalid_grant", "invalid_scope");
    }

    @Test
    void scopesTheAppMayNotHaveAreDroppedNotFailed() {
        JsonNode tokens = appWithRealmDefaults()
                .tokens("openid patient/Observation.rs system/*.rs patient/MedicationOrder.rs no-such-scope __ext https://x.org/s",
                        users.patient());

        assertThat(scopes(tokens.path("scope").asText())).contains("patient/Observation.rs")
                .doesNotContain("system/*.rs", "patient/MedicationOrder.rs", "no-such-scope", "__ext", "https://x.org/s");
    }

    @Test
    void unsupportedResourceTypesAreDroppedPerRealmSetting() {
        fixtures().realmAttribute(SmartRealmSettings.SUPPORTED_RESOURCE_TYPES, "Patient Observation");

        JsonNode tokens = appWithRealmDefaults().tokens("openid patient/Observation.rs patient/Condition.rs", users.patient());

        assertThat(scopes(tokens.path("scope").asText())).contains("patient/Observation.rs").doesNotContain("patient/Condition.rs");
    }

    @Test
    void aRefreshMayNarrowButNotWiden() {
        JsonNode tokens = appWithRealmDefaults()
                .tokens("openid offline_access patient/Observation.rs patient/Condition.rs", users.patient());
        TokenEndpoint tokenEndpoint = new TokenEndpoint(realm.getBaseUrl());
        String refreshToken = tokens.path("refresh_token").asText();

        Http.Response same = tokenEndpoint.refreshAsPublicClient(refreshToken, APP, tokens.path("scope").asText());
        assertThat(same.status()).as(same.body()).isEqualTo(200);
        assertThat(scopes(same.json().path("scope").asText())).isEqualTo(scopes(tokens.path("scope").asText()));

        Http.Response narrower = tokenEndpoint.refreshAsPublicClient(same.json().path("refresh_token").asText(), APP,
                "openid patient/Observation.rs");
        assertThat(narrower.status()).as(narrower.body()).isEqualTo(200);
        assertThat(scopes(narrower.json().path("scope").asText())).contains("patient/Observation.rs")
                .doesNotContain("patient/Condition.rs");

        Http.Response wider = tokenEndpoint.refreshAsPublicClient(narrower.json().path("refresh_token").asText(), APP,
                "openid patient/Observation.rs patient/Patient.rs");
        assertThat(wider.status()).isEqualTo(400);
        assertThat(wider.json().path("error").asText()).isEqualTo("invalid_scope");
        assertThat(wider.json().path("error_description").asText()).startsWith("patient/Patient.rs: not granted");
    }

    @Test
    void clientCredentialsGetSystemScopes() {
        fixtures().backendClient("scope-test-backend", "backend-secret", List.of("system/*.rs"));

        Http.Response token = new TokenEndpoint(realm.getBaseUrl()).clientCredentials("scope-test-backend", "backend-secret",
                "system/Observation.rs system/Patient.read patient/*.rs");

        assertThat(token.status()).as(token.body()).isEqualTo(200);
        Set<String> granted = scopes(token.json().path("scope").asText());
        assertThat(granted).contains("system/Observation.rs", "system/Patient.read").doesNotContain("patient/*.rs");
        assertThat(token.json().has("refresh_token")).isFalse();
        String accessToken = token.json().path("access_token").asText();
        assertThat(scopes(new TokenEndpoint(realm.getBaseUrl())
                .introspect(accessToken, "demo-fhir-server", "demo-fhir-server-secret").json().path("scope").asText()))
                .isEqualTo(granted);
    }

    /**
     * A user-facing app (standard flow) that is also a backend service (service account) and holds the
     * {@code system/*.rs} ceiling: the set-up of the shipped Inferno clients, and common for vendor apps.
     */
    private void appThatIsAlsoABackendService(boolean consentRequired) {
        fixtures().confidentialClient(DUAL_APP, DUAL_SECRET, List.of("system/*.rs", "patient/*.rs", "launch/patient"));
        ClientRepresentation client = realm.admin().clients().findByClientId(DUAL_APP).get(0);
        client.setServiceAccountsEnabled(true);
        client.setConsentRequired(consentRequired);
        realm.admin().clients().get(client.getId()).update(client);
    }

    @Test
    void aPatientNeverGetsSystemScopesThroughAClientThatHoldsThemButClientCredentialsDoes() {
        appThatIsAlsoABackendService(false);
        TokenEndpoint tokenEndpoint = new TokenEndpoint(realm.getBaseUrl());
        SmartAppFlow.Authorization authorization = new SmartAppFlow(realm.getBaseUrl(), DUAL_APP)
                .authorize("openid system/*.rs", users.patient());
        assertThat(authorization.redirect()).as("dropped, not refused").containsKey("code");

        Http.Response tokens = tokenEndpoint.exchangeCodeWithBasic(authorization.redirect().get("code"),
                authorization.pkce(), DUAL_APP, DUAL_SECRET);

        assertThat(tokens.status()).as(tokens.body()).isEqualTo(200);
        String accessToken = tokens.json().path("access_token").asText();
        assertThat(scopes(tokens.json().path("scope").asText())).noneMatch(scope -> scope.startsWith("system/"));
        assertThat(scopes(Jwt.payload(accessToken).path("scope").asText())).noneMatch(scope -> scope.startsWith("system/"));
        Http.Response allPatients = Http.plain().get(TestFhirServer.baseUrl() + "/Patient",
                "Accept", "application/fhir+json", "Authorization", "Bearer " + accessToken);
        assertThat(allPatients.status()).as(allPatients.body()).isEqualTo(403);

        Http.Response refresh = tokenEndpoint.post(Map.of("grant_type", "refresh_token", "scope", "openid system/*.rs",
                "refresh_token", tokens.json().path("refresh_token").asText()), "Authorization", Http.basic(DUAL_APP, DUAL_SECRET));
        assertThat(refresh.status()).as(refresh.body()).isEqualTo(400);
        assertThat(refresh.json().path("error").asText()).isEqualTo("invalid_scope");
        assertThat(refresh.json().path("error_description").asText())
                .startsWith("system/*.rs: system/ scopes are granted only to a backend service's client_credentials");

        Http.Response backend = tokenEndpoint.clientCredentials(DUAL_APP, DUAL_SECRET, "system/*.rs");
        assertThat(backend.status()).as(backend.body()).isEqualTo(200);
        assertThat(scopes(backend.json().path("scope").asText())).contains("system/*.rs");
    }

    @Test
    void theConsentPageNeverOffersSystemScopes() {
        appThatIsAlsoABackendService(true);
        Map<String, String> request = new SmartAppFlow(realm.getBaseUrl(), DUAL_APP)
                .request("openid patient/Observation.rs system/*.rs", Pkce.s256());

        BrowserlessLogin.Page consent = new BrowserlessLogin(realm.getBaseUrl())
                .openUntil("consent", request, users.patient().username(), users.patient().password());

        assertThat(consent.offeredScopes()).contains("patient/Observation.rs").doesNotContain("system/*.rs");
    }

    /**
     * What the pack relies on in Keycloak's experimental {@code parameterized-scopes} feature: scope strings reach the
     * parser as sent, so a Keycloak parameterized scope ({@code name:value}) still works through Keycloak's own
     * parser, and a granular SMART scope (with {@code :}, {@code ?}, {@code |}) is not taken for one. Fails the day
     * Keycloak splits, validates or rewrites scopes before the parser sees them.
     */
    @Test
    void aKeycloakParameterizedScopeAndAGranularSmartScopeReachTheParserIntact() {
        ClientScopeRepresentation tenant = new ClientScopeRepresentation();
        tenant.setName("scope-test-tenant");
        tenant.setProtocol("openid-connect");
        tenant.setAttributes(new HashMap<>(Map.of("is.parameterized.scope", "true", "parameterized.scope.type", "string",
                "include.in.token.scope", "true", "display.on.consent.screen", "false")));
        try (Response created = realm.admin().clientScopes().create(tenant)) {
            String id = ApiUtil.getCreatedId(created);
            realm.cleanup().add(r -> r.clientScopes().get(id).remove());
        }
        fixtures().publicClient(APP, List.of("patient/*.rs", "scope-test-tenant"));

        Set<String> granted = grantedEverywhere(new SmartAppFlow(realm.getBaseUrl(), APP)
                .tokens("openid scope-test-tenant:north-1 " + LAB, users.patient()));

        assertThat(granted).contains("scope-test-tenant:north-1", LAB).doesNotContain("patient/*.rs");
    }

    @Test
    void aMalformedScopeIsInvalidScopeWithADescriptionAtTheAuthorizationEndpoint() {
        appWithRealmDefaults();
        Map<String, String> request = TokenEndpoint.authorizationRequest(APP, "openid patient/Observation.xyz", Pkce.s256(), "s-9");
        request.put("aud", SmartAppFlow.FHIR_BASE_URL);

        Http.Response response = new BrowserlessLogin(realm.getBaseUrl()).send(request);

        assertThat(response.status()).isEqualTo(302);
        Map<String, String> redirect = BrowserlessLogin.queryParameters(java.net.URI.create(response.header("Location").orElseThrow()));
        assertThat(redirect).containsEntry("error", "invalid_scope").containsEntry("state", "s-9")
                .containsEntry("iss", realm.getBaseUrl()).doesNotContainKey("code");
        assertThat(redirect.get("error_description")).startsWith("patient/Observation.xyz: permissions 'xyz'");
    }

    @Test
    void aMalformedScopeIsInvalidScopeWithADescriptionAtTheTokenEndpoint() {
        fixtures().backendClient("scope-test-backend", "backend-secret", List.of("system/*.rs"));

        Http.Response token = new TokenEndpoint(realm.getBaseUrl()).clientCredentials("scope-test-backend", "backend-secret",
                "system/Observation.rs system/observation.rs");

        assertThat(token.status()).isEqualTo(400);
        assertThat(token.json().path("error").asText()).isEqualTo("invalid_scope");
        assertThat(token.json().path("error_description").asText()).startsWith("system/observation.rs: 'observation' is not a resource type");
    }

    @Test
    void twoHundredScopesOfEightThousandCharactersWorkByGetAndPost() {
        List<String> requested = new ArrayList<>(List.of("openid"));
        int i = 0;
        while (requested.size() < 200) {
            requested.add("patient/Observation.rs?code=http://loinc.org|" + (10000 + i++) + "-" + "x".repeat(8));
        }
        String scope = String.join(" ", requested);
        assertThat(scope.length()).isGreaterThan(8_000);

        SmartAppFlow app = appWithRealmDefaults();
        Set<String> byGet = scopes(app.tokens(scope, users.patient()).path("scope").asText());
        Set<String> byPost = scopes(new SmartAppFlow(realm.getBaseUrl(), APP).byPost().tokens(scope, users.patient())
                .path("scope").asText());

        assertThat(byGet).containsAll(requested);
        assertThat(byPost).containsAll(requested);
    }

    @Test
    void anOversizedScopeParameterFailsLoudly() {
        appWithRealmDefaults();
        String scope = "openid " + "patient/Observation.rs?code=x|y ".repeat(600).trim();
        assertThat(scope.length()).isGreaterThan(16_000);
        Map<String, String> request = TokenEndpoint.authorizationRequest(APP, scope, Pkce.s256(), "s");

        Http.Response response = Http.plain().postForm(realm.getBaseUrl() + "/protocol/openid-connect/auth", request);

        // Keycloak refuses before it knows where to redirect: a readable error page, no login form.
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).contains("Invalid Request").doesNotContain("kc-form-login");
    }
}
