package io.github.smartonkeycloak.it.launch;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.smartonkeycloak.it.support.BrowserlessLogin;
import io.github.smartonkeycloak.it.support.DemoUsers;
import io.github.smartonkeycloak.it.support.RealmFixtures;
import io.github.smartonkeycloak.it.support.SmartAppFlow;
import io.github.smartonkeycloak.it.support.SmartRealm;
import io.github.smartonkeycloak.it.support.SmartServerConfig;
import io.github.smartonkeycloak.it.support.TestFhirServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.injection.LifeCycle;
import org.keycloak.testframework.realm.ManagedRealm;
import org.keycloak.testframework.ui.annotations.InjectWebDriver;
import org.keycloak.testframework.ui.webdriver.ManagedWebDriver;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The demo EHR launcher in a real browser (headless Chromium): a clinician signs in, picks a patient and an
 * encounter from the FHIR server, launches an app, and the app's token carries what was picked.
 */
@KeycloakIntegrationTest(config = SmartServerConfig.class)
class EhrLauncherIT {

    private static final String APP = "ehr-launcher-test-app";
    private static final String LAUNCH_URL = "http://localhost:8089/launch";

    @InjectRealm(fromJson = SmartRealm.JSON, lifecycle = LifeCycle.GLOBAL)
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
            io.github.smartonkeycloak.it.support.Http.Response read = io.github.smartonkeycloak.it.support.Http.plain()
                    .get(launched.get("iss") + "/" + reference, "Authorization", "Bearer " + accessToken);
            assertThat(read.status()).as(reference + ": " + read.body()).isEqualTo(200);
            assertThat(read.json().path("resourceType").asText()).isEqualTo(reference.substring(0, reference.indexOf('/')));
        }
    }

    @Test
    void aPatientCannotUseTheEhrLauncher() {
        signIn(users.patient());

        wait(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-smart-page='error']")));
        assertThat(driver().getPageSource()).contains("Only signed-in clinicians");
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
