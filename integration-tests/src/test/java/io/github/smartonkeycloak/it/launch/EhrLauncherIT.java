package io.github.smartonkeycloak.it.launch;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.smartonkeycloak.it.support.BrowserlessLogin;
import io.github.smartonkeycloak.it.support.DemoUsers;
import io.github.smartonkeycloak.it.support.Http;
import io.github.smartonkeycloak.it.support.RealmFixtures;
import io.github.smartonkeycloak.it.support.SmartAppFlow;
import io.github.smartonkeycloak.it.support.SmartRealm;
import io.github.smartonkeycloak.it.support.SmartServerConfig;
import io.github.smartonkeycloak.it.support.TestFhirServer;
import io.github.smartonkeycloak.launch.standalone.patient.PatientPickerAuthenticatorFactory;
import io.github.smartonkeycloak.launch.standalone.patient.PatientPickerConfig;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.RoleRepresentation;
import org.keycloak.representations.idm.UserSessionRepresentation;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.injection.LifeCycle;
import org.keycloak.testframework.realm.ManagedRealm;
import org.keycloak.testframework.ui.annotations.InjectWebDriver;
import org.keycloak.testframework.ui.webdriver.ManagedWebDriver;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The demo EHR launcher (module demo-ehr-launcher, installed by {@link SmartServerConfig}) in a real browser (headless
 * Chromium): a clinician signs in, picks a patient and an encounter from the FHIR server, launches an app, and the
 * app's token carries what was picked. Clinicians are the users with the patient picker's clinician role; the launch
 * form's CSRF token is keyed, so knowing the session id (an app's {@code sid}) is not enough to forge it.
 */
@KeycloakIntegrationTest(config = SmartServerConfig.class)
class EhrLauncherIT {

    private static final String APP = "ehr-launcher-test-app";
    private static final String LAUNCH_URL = "http://localhost:8089/launch";
    private static final String CLINICIANS_ONLY = "Only signed-in clinicians";

    @InjectRealm(fromJson = SmartRealm.JSON, config = SmartRealm.FreshId.class, lifecycle = LifeCycle.GLOBAL)
    ManagedRealm realm;

    @InjectWebDriver
    ManagedWebDriver browser;

    private final DemoUsers users = DemoUsers.load();

    @BeforeEach
    void registerAnApp() {
        TestFhirServer.ensureRunning();
        RealmFixtures fixtures = new RealmFixtures(realm);
        fixtures.publicClient(APP, List.of("launch", "fhirUser", "patient/*.rs", "user/*.rs"));
        ClientRepresentation app = realm.admin().clients().findByClientId(APP).get(0);
        app.setName("Launcher test app");
        app.getAttributes().put("smart.launchUrl", LAUNCH_URL);
        realm.admin().clients().get(app.getId()).update(app);
    }

    private WebDriver driver() {
        return browser.driver();
    }

    private void signIn(DemoUsers.DemoUser user) {
        // Start signed out: cookies are per host, so drop them while on a Keycloak page.
        browser.open(realm.getBaseUrl() + "/smart-launch/style");
        driver().manage().deleteAllCookies();
        browser.open(realm.getBaseUrl() + "/smart-launch/ehr");
        wait(ExpectedConditions.presenceOfElementLocated(By.id("username")));
        driver().findElement(By.id("username")).sendKeys(user.username());
        driver().findElement(By.id("password")).sendKeys(user.password());
        driver().findElement(By.id("kc-login")).click();
    }

    @Test
    void aClinicianLaunchesAnAppWithTheChosenPatientAndEncounter() throws Exception {
        signIn(users.practitioner());
        wait(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-smart-page='ehr-launcher']")));

        driver().findElement(By.name("search")).sendKeys("shaw");
        driver().findElement(By.cssSelector("form[role='search'] button[type='submit']")).click();
        wait(ExpectedConditions.elementToBeClickable(By.cssSelector("[data-patient-id='amy-shaw']"))).click();
        String encounterId = wait(ExpectedConditions.elementToBeClickable(By.cssSelector("[data-encounter-id]")))
                .getAttribute("data-encounter-id");
        driver().findElement(By.cssSelector("[data-encounter-id='" + encounterId + "']")).click();
        driver().findElement(By.cssSelector("[data-client-id='" + APP + "']")).click();
        screenshot("ehr-launcher.png");
        driver().findElement(By.cssSelector("[data-smart-action='launch']")).click();

        wait(driver -> driver.getCurrentUrl().startsWith(LAUNCH_URL));
        Map<String, String> launched = BrowserlessLogin.queryParameters(URI.create(driver().getCurrentUrl()));
        assertThat(launched.get("iss")).isEqualTo(TestFhirServer.baseUrl());
        assertThat(launched.get("launch")).hasSize(43);

        JsonNode tokens = new SmartAppFlow(realm.getBaseUrl(), APP).with("aud", launched.get("iss"))
                .with("launch", launched.get("launch")).tokens("launch openid fhirUser patient/*.rs", users.practitioner());
        assertThat(tokens.path("patient").asText()).isEqualTo("amy-shaw");
        assertThat(tokens.path("encounter").asText()).isEqualTo(encounterId);

        // Inferno G3 and G4: the context's Patient and Encounter can be read with the app's token.
        String accessToken = tokens.path("access_token").asText();
        for (String reference : List.of("Patient/amy-shaw", "Encounter/" + encounterId)) {
            Http.Response read = Http.plain()
                    .get(launched.get("iss") + "/" + reference, "Authorization", "Bearer " + accessToken);
            assertThat(read.status()).as(reference + ": " + read.body()).isEqualTo(200);
            assertThat(read.json().path("resourceType").asText()).isEqualTo(reference.substring(0, reference.indexOf('/')));
        }
    }

    /** The launcher's jar adds one URL, the one under the launch API; Keycloak's default mount of it stays a 404. */
    @Test
    void theLauncherAnswersAtItsUrlOnly() {
        Http.Response launcher = Http.plain().get(realm.getBaseUrl() + "/smart-launch/ehr");
        assertThat(launcher.status()).as(launcher.body()).isEqualTo(303);
        assertThat(launcher.header("Location").orElseThrow()).contains("client_id=smart-ehr-launcher",
                "code_challenge_method=S256");

        Http.Response ownMount = Http.plain().get(realm.getBaseUrl() + "/smart-demo-ehr-launcher");
        assertThat(ownMount.status()).isEqualTo(404);
    }

    @Test
    void aPatientCannotUseTheEhrLauncher() {
        signIn(users.patient());

        wait(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-smart-page='error']")));
        assertThat(driver().getPageSource()).contains(CLINICIANS_ONLY);
    }

    /** Who is a clinician is the patient picker's setting, not a role name of the launcher's own. */
    @Test
    void theLauncherTakesItsRoleFromThePatientPickersSetting() {
        String staffRole = "ehr-launcher-test-staff";
        RoleRepresentation role = new RoleRepresentation();
        role.setName(staffRole);
        realm.admin().roles().create(role);
        realm.cleanup().add(r -> r.roles().deleteRole(staffRole));
        RealmFixtures fixtures = new RealmFixtures(realm);
        fixtures.user("launcher-staff", "launcher-staff-pw", Map.of(), staffRole);
        fixtures.stepConfig(PatientPickerAuthenticatorFactory.PROVIDER_ID, PatientPickerConfig.CLINICIAN_ROLE, staffRole);

        signIn(users.practitioner());
        wait(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-smart-page='error']")));
        assertThat(driver().getPageSource()).as("the practitioner has the clinician role, no longer the picker's")
                .contains(CLINICIANS_ONLY);

        signIn(new DemoUsers.DemoUser("launcher-staff", "launcher-staff-pw", null, List.of()));
        wait(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-smart-page='ehr-launcher']")));
    }

    /** Review: the old token, sha256 of the user session id, which apps see as sid, is refused; no launch is made. */
    @Test
    void aCsrfTokenComputedFromTheSessionIdAloneIsRefused() throws Exception {
        String userId = realm.admin().users().search(users.practitioner().username(), true).get(0).getId();
        realm.admin().users().get(userId).logout();
        signIn(users.practitioner());
        wait(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-smart-page='ehr-launcher']")));
        List<UserSessionRepresentation> sessions = realm.admin().users().get(userId).getUserSessions();
        assertThat(sessions).as("the browser's session only").hasSize(1);
        String sid = sessions.get(0).getId();

        browser.open(realm.getBaseUrl() + "/smart-launch/ehr?patient=amy-shaw");
        WebElement csrf = wait(ExpectedConditions.presenceOfElementLocated(By.name("csrf")));
        String unkeyed = Base64.getUrlEncoder().withoutPadding().encodeToString(MessageDigest.getInstance("SHA-256")
                .digest(("smart-ehr-launcher:" + sid).getBytes(StandardCharsets.UTF_8)));
        assertThat(csrf.getAttribute("value")).as("the page's token").isNotEmpty().isNotEqualTo(unkeyed);

        ((JavascriptExecutor) driver()).executeScript("arguments[0].value = arguments[1];", csrf, unkeyed);
        driver().findElement(By.cssSelector("[data-client-id='" + APP + "']")).click();
        driver().findElement(By.cssSelector("[data-smart-action='launch']")).click();

        wait(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-smart-page='error']")));
        assertThat(driver().getCurrentUrl()).doesNotStartWith(LAUNCH_URL);
        assertThat(driver().getPageSource()).contains(CLINICIANS_ONLY);
    }

    private <T> T wait(java.util.function.Function<WebDriver, T> condition) {
        return new WebDriverWait(driver(), Duration.ofSeconds(20)).until(condition::apply);
    }

    private void screenshot(String name) throws Exception {
        Path target = Path.of("target", "screenshots");
        Files.createDirectories(target);
        Files.write(target.resolve(name), ((TakesScreenshot) driver()).getScreenshotAs(OutputType.BYTES));
    }
}
