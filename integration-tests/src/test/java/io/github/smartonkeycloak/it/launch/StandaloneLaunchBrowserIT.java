package io.github.smartonkeycloak.it.launch;

import static io.github.smartonkeycloak.it.support.SmartAppFlow.scopes;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.smartonkeycloak.it.support.BrowserlessLogin;
import io.github.smartonkeycloak.it.support.DemoUsers;
import io.github.smartonkeycloak.it.support.FhirConsents;
import io.github.smartonkeycloak.it.support.Http;
import io.github.smartonkeycloak.it.support.Pkce;
import io.github.smartonkeycloak.it.support.RealmFixtures;
import io.github.smartonkeycloak.it.support.SmartAppFlow.Authorization;
import io.github.smartonkeycloak.it.support.SmartAppFlow;
import io.github.smartonkeycloak.it.support.SmartRealm;
import io.github.smartonkeycloak.it.support.SmartServerConfig;
import io.github.smartonkeycloak.it.support.TestApps;
import io.github.smartonkeycloak.it.support.TestFhirServer;
import io.github.smartonkeycloak.it.support.pages.AccountApplicationsPage;
import io.github.smartonkeycloak.it.support.pages.BrowserPage;
import io.github.smartonkeycloak.it.support.pages.ConsentPage;
import io.github.smartonkeycloak.it.support.pages.EncounterPickerPage;
import io.github.smartonkeycloak.it.support.pages.ErrorPage;
import io.github.smartonkeycloak.it.support.pages.LoginPage;
import io.github.smartonkeycloak.it.support.pages.PatientPickerPage;
import io.github.smartonkeycloak.it.support.pages.Screenshots;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.injection.LifeCycle;
import org.keycloak.testframework.realm.ManagedRealm;
import org.keycloak.testframework.ui.annotations.InjectWebDriver;
import org.keycloak.testframework.ui.webdriver.ManagedWebDriver;
import org.keycloak.util.JsonSerialization;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The whole standalone launch in a real browser (headless Chromium) against Keycloak and the demo FHIR server: the
 * demo patient and the demo clinician sign in, pick a record, choose what to share on the consent page, and the
 * app's code becomes a token with exactly that. Also limited access, granular categories, deny, and consent that is
 * remembered and then revoked in Keycloak's account console. Screenshots go to {@code target/screenshots}.
 */
@KeycloakIntegrationTest(config = SmartServerConfig.class)
class StandaloneLaunchBrowserIT {

    private static final String APP = "browser-standalone-app";
    private static final String LAB = "patient/Observation.rs?category=http://terminology.hl7.org/CodeSystem/observation-category|laboratory";
    private static final String PROBLEMS = "patient/Condition.rs?category=http://terminology.hl7.org/CodeSystem/condition-category|problem-list-item";
    private static final String GRANULAR_REQUEST =
            "launch/patient openid fhirUser offline_access patient/Condition.rs patient/Observation.rs patient/Patient.rs";
    private static final String STANDALONE_REQUEST = "launch/patient openid fhirUser offline_access "
            + "patient/AllergyIntolerance.rs patient/CarePlan.rs patient/CareTeam.rs patient/Condition.rs patient/Device.rs "
            + "patient/DiagnosticReport.rs patient/DocumentReference.rs patient/Encounter.rs patient/Goal.rs "
            + "patient/Immunization.rs patient/MedicationRequest.rs patient/Observation.rs patient/Patient.rs "
            + "patient/Procedure.rs";

    @InjectRealm(fromJson = SmartRealm.JSON, config = SmartRealm.FreshId.class, lifecycle = LifeCycle.GLOBAL)
    ManagedRealm realm;

    @InjectWebDriver
    ManagedWebDriver browser;

    private final DemoUsers users = DemoUsers.load();

    @BeforeEach
    void registerAnAppThatAsksForConsentAndStartSignedOut() {
        TestFhirServer.ensureRunning();
        new RealmFixtures(realm).publicClient(APP, List.of("launch/patient", "launch/encounter", "fhirUser",
                "offline_access", "patient/*.rs"), true);
        browser.open(realm.getBaseUrl() + "/smart-launch/style");
        driver().manage().deleteAllCookies();
        driver().manage().window().setSize(Screenshots.DESKTOP);
    }

    @Test
    void thePatientPicksARecordAndSharesWhatTheyCheck() throws Exception {
        Pkce pkce = Pkce.s256();
        openAuthorization(GRANULAR_REQUEST, pkce);
        new LoginPage(driver()).signIn(users.patient());

        PatientPickerPage picker = new PatientPickerPage(driver());
        screenshots("patient-picker");
        picker.pick("ben-shaw");

        ConsentPage consent = new ConsentPage(driver());
        assertThat(consent.text())
                .contains("Conditions and diagnoses", "Laboratory results only", "will keep this access after you sign out");
        screenshots("consent");
        consent.approve();

        JsonNode tokens = exchange(pkce);
        assertThat(tokens.path("patient").asText()).isEqualTo("ben-shaw");
        assertThat(scopes(tokens.path("scope").asText())).contains("patient/Condition.rs", "patient/Observation.rs", "patient/Patient.rs");
    }

    @Test
    void theClinicianSearchesForThePatient() throws Exception {
        Pkce pkce = Pkce.s256();
        openAuthorization(GRANULAR_REQUEST, pkce);
        new LoginPage(driver()).signIn(users.practitioner());

        PatientPickerPage picker = new PatientPickerPage(driver()).search("shaw", "amy-shaw");
        assertThat(picker.patients()).hasSizeBetween(2, 10);
        screenshots("patient-picker-clinician");
        picker.pick("amy-shaw");

        new ConsentPage(driver()).approve();

        assertThat(exchange(pkce).path("patient").asText()).isEqualTo("amy-shaw");
    }

    @Test
    void limitedAccessGrantsOnlyWhatStaysChecked() {
        Pkce pkce = Pkce.s256();
        ConsentPage consent = openConsentPageAsAmy(STANDALONE_REQUEST, pkce);
        Set<String> keep = Set.of("patient/Patient.rs", "patient/Condition.rs", "patient/Observation.rs");
        for (WebElement box : consent.scopeBoxes()) {
            consent.setChecked(box, keep.contains(box.getAttribute("value")));
        }
        consent.approve();

        Set<String> granted = scopes(exchange(pkce).path("scope").asText());
        assertThat(granted.stream().filter(scope -> scope.startsWith("patient/"))).containsExactlyInAnyOrderElementsOf(keep);
    }

    @Test
    void categoriesCanReplaceWholeResourceTypes() throws Exception {
        Pkce pkce = Pkce.s256();
        ConsentPage consent = openConsentPageAsAmy(GRANULAR_REQUEST, pkce)
                .setChecked("patient/Condition.rs", false)
                .setChecked("patient/Observation.rs", false)
                .setChecked(LAB, true)
                .setChecked(PROBLEMS, true);
        screenshots("consent-granular");
        consent.approve();

        Set<String> granted = scopes(exchange(pkce).path("scope").asText());
        assertThat(granted).contains("patient/Patient.rs", LAB, PROBLEMS)
                .doesNotContain("patient/Condition.rs", "patient/Observation.rs");
    }

    @Test
    void denyTellsTheAppAccessDenied() {
        openConsentPageAsAmy(GRANULAR_REQUEST, Pkce.s256()).deny();

        Map<String, String> redirect = redirectParameters();
        assertThat(redirect).containsEntry("error", "access_denied").doesNotContainKey("code");
    }

    @Test
    void aStandingDenyOfThePatientIsExplainedAndTheAppGetsNoCode() throws Exception {
        ObjectNode deny = (ObjectNode) JsonSerialization.mapper.readTree("""
                {"resourceType":"Consent","id":"browser-standing-deny","status":"active",
                 "scope":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/consentscope","code":"patient-privacy"}]},
                 "category":[{"coding":[{"system":"http://loinc.org","code":"59284-0"}]}],
                 "patient":{"reference":"Patient/ben-shaw"},
                 "policyRule":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/v3-ActCode","code":"OPTOUT"}]},
                 "provision":{"type":"deny"}}""");
        FhirConsents consents = new FhirConsents(realm.getBaseUrl());
        consents.put(deny);
        try {
            openAuthorization(GRANULAR_REQUEST, Pkce.s256());
            new LoginPage(driver()).signIn(users.patient());
            new PatientPickerPage(driver()).pick("ben-shaw");

            ErrorPage page = new ErrorPage(driver());
            assertThat(page.text()).contains("consent preferences do not allow this app");
            screenshots("consent-denied-by-preference");
            page.cancel();

            assertThat(redirectParameters()).containsEntry("error", "access_denied").doesNotContainKey("code");
        } finally {
            consents.setStatus(deny, "inactive");
        }
    }

    @Test
    void consentIsRememberedUntilRevokedInTheAccountConsole() throws Exception {
        openConsentPageAsAmy(GRANULAR_REQUEST, Pkce.s256()).setChecked("patient/Condition.rs", false).approve();
        assertThat(redirectParameters()).containsKey("code");

        // Same browser, same SSO session: the picker runs for the new authorization, the consent page does not.
        Pkce again = Pkce.s256();
        openAuthorization(GRANULAR_REQUEST, again);
        new PatientPickerPage(driver()).pick("amy-shaw");
        Set<String> remembered = scopes(exchange(again).path("scope").asText());
        assertThat(remembered).contains("patient/Observation.rs", "patient/Patient.rs").doesNotContain("patient/Condition.rs");

        AccountApplicationsPage applications = AccountApplicationsPage.open(driver(), realm.getBaseUrl()).expand(APP);
        screenshots("account-console-applications");
        applications.removeAccess();

        openAuthorization(GRANULAR_REQUEST, Pkce.s256());
        new PatientPickerPage(driver()).pick("amy-shaw");
        new ConsentPage(driver());
    }

    @Test
    void theShippedDemoAppRunsAStandaloneLaunch() throws Exception {
        browser.open(TestFhirServer.baseUrl().replace("/fhir", "/app/"));
        BrowserPage.wait(driver(), ExpectedConditions.elementToBeClickable(By.cssSelector("#start button[type='submit']"))).click();
        new LoginPage(driver()).signIn(users.patient());
        new PatientPickerPage(driver()).pick("amy-shaw");
        new EncounterPickerPage(driver()).pickFirst();
        new ConsentPage(driver()).approve();

        WebElement patient = BrowserPage.wait(driver(), ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#result #patient")));
        BrowserPage.wait(driver(), driver -> !patient.getText().isBlank());
        assertThat(patient.getText()).contains("Amy");
        assertThat(driver().findElement(By.id("token")).getText()).contains("amy-shaw", "Encounter");
        screenshots("demo-app");
    }

    private WebDriver driver() {
        return browser.driver();
    }

    /** The demo patient signs in, picks her own record and reaches the consent page. */
    private ConsentPage openConsentPageAsAmy(String scope, Pkce pkce) {
        openAuthorization(scope, pkce);
        new LoginPage(driver()).signIn(users.patient());
        new PatientPickerPage(driver()).pick("amy-shaw");
        return new ConsentPage(driver());
    }

    private void openAuthorization(String scope, Pkce pkce) {
        Map<String, String> request = new SmartAppFlow(realm.getBaseUrl(), APP).request(scope, pkce);
        browser.open(realm.getBaseUrl() + "/protocol/openid-connect/auth?" + Http.formEncode(request));
    }

    private Map<String, String> redirectParameters() {
        BrowserPage.wait(driver(), driver -> driver.getCurrentUrl().startsWith(TestApps.REDIRECT_URI));
        return BrowserlessLogin.queryParameters(URI.create(driver().getCurrentUrl()));
    }

    private JsonNode exchange(Pkce pkce) {
        return new SmartAppFlow(realm.getBaseUrl(), APP).exchange(new Authorization(redirectParameters(), pkce));
    }

    private void screenshots(String name) throws Exception {
        new Screenshots(driver()).take(name);
    }
}
