package io.github.smartonkeycloak.it.consent;

import static io.github.smartonkeycloak.it.support.SmartAppFlow.scopes;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.smartonkeycloak.it.support.AccountConsole;
import io.github.smartonkeycloak.it.support.BrowserlessLogin.Page;
import io.github.smartonkeycloak.it.support.BrowserlessLogin;
import io.github.smartonkeycloak.it.support.DemoUsers;
import io.github.smartonkeycloak.it.support.Http;
import io.github.smartonkeycloak.it.support.Pkce;
import io.github.smartonkeycloak.it.support.RealmFixtures;
import io.github.smartonkeycloak.it.support.SmartAppFlow;
import io.github.smartonkeycloak.it.support.SmartRealm;
import io.github.smartonkeycloak.it.support.SmartServerConfig;
import io.github.smartonkeycloak.it.support.TestApps;
import io.github.smartonkeycloak.it.support.TestFhirServer;
import io.github.smartonkeycloak.it.support.TokenEndpoint;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.injection.LifeCycle;
import org.keycloak.testframework.realm.ManagedRealm;

/**
 * SMART consent on a real Keycloak: one checkbox per scope, categories instead of whole types, and what the user
 * leaves out is not granted in the code exchange, on refresh, in introspection or by the FHIR server. Deny, the
 * remembered decision, {@code prompt=consent}, and revocation in the account console.
 */
@KeycloakIntegrationTest(config = SmartServerConfig.class)
class SmartConsentIT {

    private static final String APP = "consent-test-app";
    private static final String LAB = "patient/Observation.rs?category=http://terminology.hl7.org/CodeSystem/observation-category|laboratory";
    private static final String VITALS = "patient/Observation.rs?category=http://terminology.hl7.org/CodeSystem/observation-category|vital-signs";
    private static final String PROBLEMS = "patient/Condition.rs?category=http://terminology.hl7.org/CodeSystem/condition-category|problem-list-item";
    private static final String ENCOUNTER_DIAGNOSES = "patient/Condition.rs?category=http://terminology.hl7.org/CodeSystem/condition-category|encounter-diagnosis";
    /** Inferno's granular-scope-selection request. */
    private static final String GRANULAR_REQUEST =
            "launch/patient openid fhirUser offline_access patient/Condition.rs patient/Observation.rs patient/Patient.rs";
    /** Inferno's standalone request (SMART v2 scopes for the US Core resources). */
    private static final String STANDALONE_REQUEST = "launch/patient openid fhirUser offline_access patient/Medication.rs "
            + "patient/AllergyIntolerance.rs patient/CarePlan.rs patient/CareTeam.rs patient/Condition.rs patient/Device.rs "
            + "patient/DiagnosticReport.rs patient/DocumentReference.rs patient/Encounter.rs patient/Goal.rs "
            + "patient/Immunization.rs patient/Location.rs patient/MedicationRequest.rs patient/Observation.rs "
            + "patient/Organization.rs patient/Patient.rs patient/Practitioner.rs patient/Procedure.rs patient/Provenance.rs "
            + "patient/PractitionerRole.rs";

    @InjectRealm(fromJson = SmartRealm.JSON, config = SmartRealm.FreshId.class, lifecycle = LifeCycle.GLOBAL)
    ManagedRealm realm;

    private final DemoUsers.DemoUser amy = DemoUsers.load().patient();

    @BeforeEach
    void registerAnAppThatAsksForConsent() {
        new RealmFixtures(realm).publicClient(APP, List.of("launch/patient", "fhirUser", "offline_access", "patient/*.rs"), true);
    }

    @Test
    void theConsentPageOffersEveryGrantCheckedAndUsCoreCategoriesUnchecked() {
        BrowserlessLogin login = new BrowserlessLogin(realm.getBaseUrl()).choosingPatient("amy-shaw");

        Page consent = login.openUntil("consent", app().request(GRANULAR_REQUEST, Pkce.s256()), amy.username(), amy.password());

        assertThat(consent.checkedScopes()).containsExactly("patient/Condition.rs", "patient/Observation.rs", "patient/Patient.rs");
        assertThat(consent.offeredScopes()).contains(LAB, VITALS, PROBLEMS, ENCOUNTER_DIAGNOSES,
                "patient/Condition.rs?category=http://hl7.org/fhir/us/core/CodeSystem/condition-category|health-concern",
                "patient/Observation.rs?category=http://terminology.hl7.org/CodeSystem/observation-category|social-history",
                "patient/Observation.rs?category=http://terminology.hl7.org/CodeSystem/observation-category|survey",
                "patient/Observation.rs?category=http://terminology.hl7.org/CodeSystem/observation-category|procedure",
                "patient/Observation.rs?category=http://hl7.org/fhir/us/core/CodeSystem/us-core-category|sdoh");
        String text = consent.html().text();
        assertThat(text).contains("Conditions and diagnoses", "of this patient", "read, search", "Laboratory results only",
                "Know who you are in the health record", "will keep this access after you sign out");
        assertThat(consent.all("data-smart-action")).containsExactly("approve", "deny");
    }

    @Test
    void uncheckedScopesAreNotGrantedInTheTokenOnRefreshInIntrospectionOrByTheFhirServer() {
        BrowserlessLogin login = new BrowserlessLogin(realm.getBaseUrl()).choosingPatient("amy-shaw")
                .consenting(checked -> List.of("patient/Patient.rs", "patient/Condition.rs", "patient/Observation.rs"));

        JsonNode tokens = app().inBrowser(login).tokens(STANDALONE_REQUEST, amy);

        Set<String> granted = scopes(tokens.path("scope").asText());
        assertThat(resourceScopes(granted)).containsExactlyInAnyOrder("patient/Patient.rs", "patient/Condition.rs", "patient/Observation.rs");
        assertThat(granted).contains("launch/patient", "openid", "fhirUser", "offline_access");
        assertThat(login.pagesSeen()).containsExactly("patient-picker", "consent");

        JsonNode refreshed = refresh(tokens);
        assertThat(scopes(refreshed.path("scope").asText())).isEqualTo(granted);
        assertThat(scopes(introspect(refreshed.path("access_token").asText()).path("scope").asText())).isEqualTo(granted);

        String token = refreshed.path("access_token").asText();
        assertThat(fhirStatus("/Observation?patient=amy-shaw", token)).isEqualTo(200);
        assertThat(fhirStatus("/Condition?patient=amy-shaw", token)).isEqualTo(200);
        assertThat(fhirStatus("/Encounter?patient=amy-shaw", token)).isEqualTo(403);
    }

    @Test
    void categoriesCheckedInsteadOfTheirTypeAreGrantedVerbatim() {
        BrowserlessLogin login = new BrowserlessLogin(realm.getBaseUrl()).choosingPatient("amy-shaw")
                .consenting(checked -> List.of("patient/Patient.rs", LAB, VITALS, PROBLEMS));

        JsonNode tokens = app().inBrowser(login).tokens(GRANULAR_REQUEST, amy);

        Set<String> granted = scopes(tokens.path("scope").asText());
        assertThat(granted).contains("patient/Patient.rs", LAB, VITALS, PROBLEMS)
                .doesNotContain("patient/Condition.rs", "patient/Observation.rs", ENCOUNTER_DIAGNOSES);
        assertThat(scopes(refresh(tokens).path("scope").asText())).isEqualTo(granted);
        assertThat(scopes(introspect(tokens.path("access_token").asText()).path("scope").asText())).isEqualTo(granted);

        String token = tokens.path("access_token").asText();
        String categories = "http%3A%2F%2Fterminology.hl7.org%2FCodeSystem%2Fobservation-category%7C";
        assertThat(fhirStatus("/Observation?patient=amy-shaw&category=" + categories + "laboratory", token)).isEqualTo(200);
        assertThat(fhirStatus("/Observation?patient=amy-shaw&category=" + categories + "social-history", token)).isEqualTo(403);
        assertThat(fhirStatus("/Observation?patient=amy-shaw", token)).isEqualTo(403);
    }

    /**
     * US Core 7's scopes table spells social-history's system {@code http://terminology.hl7.org//CodeSystem-observation-category}
     * and some apps copied it: the consent page reads it as social history, the token answers in the app's
     * spelling, and the FHIR server enforces it as the real category.
     */
    @Test
    void usCoresMisspelledSocialHistoryScopeIsAskedAndGrantedAsTheAppSpellsItAndEnforcedAsSocialHistory() {
        String misspelled = "patient/Observation.rs?category=http://terminology.hl7.org//CodeSystem-observation-category|social-history";
        BrowserlessLogin login = new BrowserlessLogin(realm.getBaseUrl()).choosingPatient("amy-shaw");
        Page consent = login.openUntil("consent", app().request("launch/patient openid " + misspelled, Pkce.s256()),
                amy.username(), amy.password());
        assertThat(consent.checkedScopes()).containsExactly(misspelled);
        assertThat(consent.html().text()).contains("Social history only");

        JsonNode tokens = app().inBrowser(new BrowserlessLogin(realm.getBaseUrl()).choosingPatient("amy-shaw"))
                .tokens("launch/patient openid " + misspelled, amy);

        Set<String> granted = scopes(tokens.path("scope").asText());
        assertThat(resourceScopes(granted)).containsExactly(misspelled);
        assertThat(scopes(refresh(tokens).path("scope").asText())).isEqualTo(granted);
        assertThat(scopes(introspect(tokens.path("access_token").asText()).path("scope").asText())).isEqualTo(granted);
        String token = tokens.path("access_token").asText();
        String categories = "http%3A%2F%2Fterminology.hl7.org%2FCodeSystem%2Fobservation-category%7C";
        assertThat(fhirStatus("/Observation?patient=amy-shaw&category=" + categories + "social-history", token)).isEqualTo(200);
        assertThat(fhirStatus("/Observation?patient=amy-shaw&category=" + categories + "laboratory", token)).isEqualTo(403);
    }

    @Test
    void denySendsAccessDeniedAndNoCode() {
        BrowserlessLogin login = new BrowserlessLogin(realm.getBaseUrl()).choosingPatient("amy-shaw").denyingConsent();

        Map<String, String> redirect = app().inBrowser(login).authorize(GRANULAR_REQUEST, amy).redirect();

        assertThat(redirect).containsEntry("error", "access_denied").containsEntry("state", "state-1").doesNotContainKey("code");
        assertThat(redirect.get("error_description")).isNotBlank();
    }

    @Test
    void aScopeThatWasNotOfferedIsRefusedAndNothingWider() {
        BrowserlessLogin login = new BrowserlessLogin(realm.getBaseUrl()).choosingPatient("amy-shaw");
        Pkce pkce = Pkce.s256();
        Page consent = login.openUntil("consent", app().request(GRANULAR_REQUEST, pkce), amy.username(), amy.password());

        Http.Response refused = consent.submit("#smart-consent-form",
                List.of(Map.entry("scope", "patient/*.cruds"), Map.entry("smart-action", "approve")));
        assertThat(refused.status()).isEqualTo(400);
        Page again = login.page(refused);
        assertThat(again.smartPage()).isEqualTo("consent");
        assertThat(again.html().text()).contains("Please choose from the access offered");

        Map<String, String> redirect = login.continueFrom(again.submit("#smart-consent-form",
                List.of(Map.entry("scope", "patient/Patient.rs"), Map.entry("smart-action", "approve"))), TestApps.REDIRECT_URI);
        JsonNode tokens = app().exchange(new SmartAppFlow.Authorization(redirect, pkce));
        assertThat(scopes(tokens.path("scope").asText())).contains("patient/Patient.rs")
                .noneMatch(scope -> scope.startsWith("patient/*") || scope.startsWith("patient/Condition"));
    }

    @Test
    void theDecisionIsRememberedUntilPromptConsentOrTheClientAsksEveryTime() {
        BrowserlessLogin login = new BrowserlessLogin(realm.getBaseUrl()).choosingPatient("amy-shaw")
                .consenting(checked -> List.of("patient/Patient.rs", LAB));
        JsonNode first = app().inBrowser(login).tokens(GRANULAR_REQUEST, amy);

        BrowserlessLogin sameUserLater = new BrowserlessLogin(realm.getBaseUrl()).choosingPatient("amy-shaw");
        JsonNode second = app().inBrowser(sameUserLater).tokens(GRANULAR_REQUEST, amy);
        assertThat(sameUserLater.pagesSeen()).containsExactly("patient-picker");
        assertThat(scopes(second.path("scope").asText())).isEqualTo(scopes(first.path("scope").asText()))
                .contains(LAB).doesNotContain("patient/Observation.rs", "patient/Condition.rs");

        BrowserlessLogin prompted = new BrowserlessLogin(realm.getBaseUrl()).choosingPatient("amy-shaw");
        JsonNode third = app().inBrowser(prompted).with("prompt", "consent").tokens(GRANULAR_REQUEST, amy);
        assertThat(prompted.pagesSeen()).containsExactly("patient-picker", "consent");
        assertThat(scopes(third.path("scope").asText())).contains("patient/Condition.rs", "patient/Observation.rs");

        new RealmFixtures(realm).clientAttribute(APP, "smart.consentPrompt", "always");
        BrowserlessLogin always = new BrowserlessLogin(realm.getBaseUrl()).choosingPatient("amy-shaw");
        app().inBrowser(always).tokens(GRANULAR_REQUEST, amy);
        assertThat(always.pagesSeen()).containsExactly("patient-picker", "consent");
    }

    @Test
    void theAccountConsoleListsTheAppAndRevokingThereEndsItsTokens() {
        BrowserlessLogin login = new BrowserlessLogin(realm.getBaseUrl()).choosingPatient("amy-shaw")
                .consenting(checked -> List.of("patient/Patient.rs", LAB));
        JsonNode tokens = app().inBrowser(login).tokens(GRANULAR_REQUEST, amy);

        AccountConsole console = AccountConsole.signIn(realm.getBaseUrl(), amy);
        JsonNode listed = console.application(APP);
        assertThat(listed.isMissingNode()).as("the app is listed").isFalse();
        String granted = listed.path("consent").path("grantedScopes").toString();
        assertThat(granted).contains("allowed patient/Patient.rs").contains("allowed " + LAB).contains("declined patient/Observation.rs");

        console.revoke(APP);

        Http.Response refresh = new TokenEndpoint(realm.getBaseUrl())
                .refreshAsPublicClient(tokens.path("refresh_token").asText(), APP, null);
        assertThat(refresh.status()).isEqualTo(400);
        assertThat(introspect(tokens.path("access_token").asText()).path("active").asBoolean()).isFalse();
        assertThat(fhirStatus("/Patient/amy-shaw", tokens.path("access_token").asText())).isEqualTo(401);

        BrowserlessLogin afterRevocation = new BrowserlessLogin(realm.getBaseUrl()).choosingPatient("amy-shaw");
        app().inBrowser(afterRevocation).tokens(GRANULAR_REQUEST, amy);
        assertThat(afterRevocation.pagesSeen()).containsExactly("patient-picker", "consent");
    }

    @Test
    void requestsWithoutSmartScopesKeepKeycloaksOwnConsentPage() {
        BrowserlessLogin login = new BrowserlessLogin(realm.getBaseUrl());

        JsonNode tokens = app().inBrowser(login).tokens("openid offline_access", amy);

        assertThat(login.pagesSeen()).containsExactly(BrowserlessLogin.KEYCLOAK_CONSENT);
        assertThat(scopes(tokens.path("scope").asText())).contains("openid", "offline_access");
    }

    @Test
    void appsThatDoNotRequireConsentGetTheNegotiatedScopesWithoutAPage() {
        new RealmFixtures(realm).publicClient("no-consent-app", List.of("launch/patient", "patient/*.rs"));
        BrowserlessLogin login = new BrowserlessLogin(realm.getBaseUrl()).choosingPatient("amy-shaw");

        JsonNode tokens = new SmartAppFlow(realm.getBaseUrl(), "no-consent-app").inBrowser(login).tokens(GRANULAR_REQUEST, amy);

        assertThat(login.pagesSeen()).containsExactly("patient-picker");
        assertThat(scopes(tokens.path("scope").asText())).contains("patient/Condition.rs", "patient/Observation.rs", "patient/Patient.rs");
    }

    private SmartAppFlow app() {
        return new SmartAppFlow(realm.getBaseUrl(), APP);
    }

    private JsonNode refresh(JsonNode tokens) {
        Http.Response refreshed = new TokenEndpoint(realm.getBaseUrl())
                .refreshAsPublicClient(tokens.path("refresh_token").asText(), APP, null);
        assertThat(refreshed.status()).as(refreshed.body()).isEqualTo(200);
        return refreshed.json();
    }

    private JsonNode introspect(String accessToken) {
        Http.Response introspection = new TokenEndpoint(realm.getBaseUrl())
                .introspect(accessToken, "demo-fhir-server", "demo-fhir-server-secret");
        assertThat(introspection.status()).as(introspection.body()).isEqualTo(200);
        return introspection.json();
    }

    private static int fhirStatus(String path, String accessToken) {
        return Http.plain().get(TestFhirServer.baseUrl() + path, "Authorization", "Bearer " + accessToken).status();
    }

    private static Set<String> resourceScopes(Set<String> scopes) {
        return scopes.stream().filter(scope -> scope.matches("(patient|user|system)/.*")).collect(Collectors.toSet());
    }
}
