package io.github.smartonkeycloak.it.launch;

import static io.github.smartonkeycloak.it.support.SmartAppFlow.scopes;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.smartonkeycloak.it.support.BrowserlessLogin;
import io.github.smartonkeycloak.it.support.DemoUsers;
import io.github.smartonkeycloak.it.support.Http;
import io.github.smartonkeycloak.it.support.Pkce;
import io.github.smartonkeycloak.it.support.RealmFixtures;
import io.github.smartonkeycloak.it.support.SmartAppFlow;
import io.github.smartonkeycloak.it.support.SmartAppFlow.Authorization;
import io.github.smartonkeycloak.it.support.SmartRealm;
import io.github.smartonkeycloak.it.support.SmartServerConfig;
import io.github.smartonkeycloak.it.support.TestApps;
import io.github.smartonkeycloak.it.support.TestFhirServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.injection.LifeCycle;
import org.keycloak.testframework.realm.ManagedRealm;
import org.keycloak.testframework.ui.annotations.InjectWebDriver;
import org.keycloak.testframework.ui.webdriver.ManagedWebDriver;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

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
    private static final Dimension DESKTOP = new Dimension(1280, 900);
    private static final Dimension PHONE = new Dimension(390, 844);

    @InjectRealm(fromJson = SmartRealm.JSON, lifecycle = LifeCycle.GLOBAL)
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
        driver().manage().window().setSize(DESKTOP);
    }

    @Test
    void thePatientPicksARecordAndSharesWhatTheyCheck() throws Exception {
        Pkce pkce = Pkce.s256();
        openAuthorization(GRANULAR_REQUEST, pkce);
        signIn(users.patient());

        waitForPage("patient-picker");
        screenshots("patient-picker");
        click("[data-patient-id='ben-shaw']");

        waitForPage("consent");
        assertThat(driver().findElement(By.cssSelector("[data-smart-page='consent']")).getText())
                .contains("Conditions and diagnoses", "Laboratory results only", "will keep this access after you sign out");
        screenshots("consent");
        click("[data-smart-action='approve']");

        JsonNode tokens = exchange(pkce);
        assertThat(tokens.path("patient").asText()).isEqualTo("ben-shaw");
        assertThat(scopes(tokens.path("scope").asText())).contains("patient/Condition.rs", "patient/Observation.rs", "patient/Patient.rs");
    }

    @Test
    void theClinicianSearchesForThePatient() throws Exception {
        Pkce pkce = Pkce.s256();
        openAuthorization(GRANULAR_REQUEST, pkce);
        signIn(users.practitioner());

        waitForPage("patient-picker");
        WebElement search = driver().findElement(By.name("search"));
        search.sendKeys("shaw");
        search.submit();
        wait(ExpectedConditions.elementToBeClickable(By.cssSelector("[data-patient-id='amy-shaw']")));
        assertThat(driver().findElements(By.cssSelector("[data-patient-id]"))).hasSizeBetween(2, 10);
        screenshots("patient-picker-clinician");
        click("[data-patient-id='amy-shaw']");

        waitForPage("consent");
        click("[data-smart-action='approve']");

        assertThat(exchange(pkce).path("patient").asText()).isEqualTo("amy-shaw");
    }

    @Test
    void limitedAccessGrantsOnlyWhatStaysChecked() {
        Pkce pkce = Pkce.s256();
        openConsentPageAsAmy(STANDALONE_REQUEST, pkce);
        Set<String> keep = Set.of("patient/Patient.rs", "patient/Condition.rs", "patient/Observation.rs");
        for (WebElement box : driver().findElements(By.cssSelector("input[name='scope']"))) {
            setChecked(box, keep.contains(box.getAttribute("value")));
        }
        click("[data-smart-action='approve']");

        Set<String> granted = scopes(exchange(pkce).path("scope").asText());
        assertThat(granted.stream().filter(scope -> scope.startsWith("patient/"))).containsExactlyInAnyOrderElementsOf(keep);
    }

    @Test
    void categoriesCanReplaceWholeResourceTypes() throws Exception {
        Pkce pkce = Pkce.s256();
        openConsentPageAsAmy(GRANULAR_REQUEST, pkce);
        setChecked(scopeBox("patient/Condition.rs"), false);
        setChecked(scopeBox("patient/Observation.rs"), false);
        setChecked(scopeBox(LAB), true);
        setChecked(scopeBox(PROBLEMS), true);
        screenshots("consent-granular");
        click("[data-smart-action='approve']");

        Set<String> granted = scopes(exchange(pkce).path("scope").asText());
        assertThat(granted).contains("patient/Patient.rs", LAB, PROBLEMS)
                .doesNotContain("patient/Condition.rs", "patient/Observation.rs");
    }

    @Test
    void denyTellsTheAppAccessDenied() {
        openConsentPageAsAmy(GRANULAR_REQUEST, Pkce.s256());

        click("[data-smart-action='deny']");

        Map<String, String> redirect = redirectParameters();
        assertThat(redirect).containsEntry("error", "access_denied").doesNotContainKey("code");
    }

    @Test
    void consentIsRememberedUntilRevokedInTheAccountConsole() throws Exception {
        openConsentPageAsAmy(GRANULAR_REQUEST, Pkce.s256());
        setChecked(scopeBox("patient/Condition.rs"), false);
        click("[data-smart-action='approve']");
        assertThat(redirectParameters()).containsKey("code");

        // Same browser, same SSO session: the picker runs for the new authorization, the consent page does not.
        Pkce again = Pkce.s256();
        openAuthorization(GRANULAR_REQUEST, again);
        waitForPage("patient-picker");
        click("[data-patient-id='amy-shaw']");
        Set<String> remembered = scopes(exchange(again).path("scope").asText());
        assertThat(remembered).contains("patient/Observation.rs", "patient/Patient.rs").doesNotContain("patient/Condition.rs");

        revokeInAccountConsole();

        openAuthorization(GRANULAR_REQUEST, Pkce.s256());
        waitForPage("patient-picker");
        click("[data-patient-id='amy-shaw']");
        waitForPage("consent");
    }

    @Test
    void theShippedDemoAppRunsAStandaloneLaunch() throws Exception {
        browser.open(TestFhirServer.baseUrl().replace("/fhir", "/app/"));
        click("#start button[type='submit']");
        signIn(users.patient());
        waitForPage("patient-picker");
        click("[data-patient-id='amy-shaw']");
        waitForPage("encounter-picker");
        click("[data-encounter-id]");
        waitForPage("consent");
        click("[data-smart-action='approve']");

        WebElement patient = wait(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#result #patient")));
        wait(driver -> !patient.getText().isBlank());
        assertThat(patient.getText()).contains("Amy");
        assertThat(driver().findElement(By.id("token")).getText()).contains("amy-shaw", "Encounter");
        screenshots("demo-app");
    }

    private void revokeInAccountConsole() throws Exception {
        browser.open(realm.getBaseUrl() + "/account/applications");
        By row = By.xpath("//*[contains(@class,'data-list__item') and .//*[contains(normalize-space(.),'" + APP + "')]]");
        By removeAccess = By.xpath("//button[normalize-space(.)='Remove access']");
        // Other apps' rows (the demo app's, say) carry hidden "Remove access" buttons of their own: take the one shown.
        // The account console is a single-page app: on a loaded machine a row can render before its toggle reacts,
        // so the row is expanded again until its button shows.
        WebElement remove = new WebDriverWait(driver(), Duration.ofSeconds(60))
                .ignoring(StaleElementReferenceException.class).until(driver -> {
            Optional<WebElement> shown = driver.findElements(removeAccess).stream()
                    .filter(button -> button.isDisplayed() && button.isEnabled()).findFirst();
            if (shown.isPresent()) {
                return shown.get();
            }
            driver.findElements(row).stream().findFirst()
                    .flatMap(found -> found.findElements(By.cssSelector("button[aria-expanded='false']")).stream().findFirst())
                    .ifPresent(WebElement::click);
            return null;
        });
        screenshots("account-console-applications");
        remove.click();
        wait(ExpectedConditions.elementToBeClickable(By.xpath("//button[normalize-space(.)='Confirm']"))).click();
        wait(driver -> driver.findElements(removeAccess).stream().noneMatch(WebElement::isDisplayed));
    }

    private WebDriver driver() {
        return browser.driver();
    }

    /** The demo patient signs in, picks her own record and reaches the consent page. */
    private void openConsentPageAsAmy(String scope, Pkce pkce) {
        openAuthorization(scope, pkce);
        signIn(users.patient());
        waitForPage("patient-picker");
        click("[data-patient-id='amy-shaw']");
        waitForPage("consent");
    }

    private void openAuthorization(String scope, Pkce pkce) {
        Map<String, String> request = new SmartAppFlow(realm.getBaseUrl(), APP).request(scope, pkce);
        browser.open(realm.getBaseUrl() + "/protocol/openid-connect/auth?" + Http.formEncode(request));
    }

    private void signIn(DemoUsers.DemoUser user) {
        wait(ExpectedConditions.presenceOfElementLocated(By.id("username")));
        driver().findElement(By.id("username")).sendKeys(user.username());
        driver().findElement(By.id("password")).sendKeys(user.password());
        driver().findElement(By.id("kc-login")).click();
    }

    private void waitForPage(String smartPage) {
        wait(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-smart-page='" + smartPage + "']")));
    }

    private void click(String css) {
        wait(ExpectedConditions.elementToBeClickable(By.cssSelector(css))).click();
    }

    private WebElement scopeBox(String scope) {
        return driver().findElements(By.cssSelector("input[name='scope']")).stream()
                .filter(box -> scope.equals(box.getAttribute("value")))
                .findFirst()
                .orElseThrow(() -> new AssertionError("No checkbox for " + scope));
    }

    /** Clicks the checkbox's label, as a user would, until the box has the wanted state. */
    private void setChecked(WebElement box, boolean checked) {
        if (box.isSelected() != checked) {
            driver().findElement(By.cssSelector("label[for='" + box.getAttribute("id") + "']")).click();
        }
        assertThat(box.isSelected()).isEqualTo(checked);
    }

    private Map<String, String> redirectParameters() {
        wait(driver -> driver.getCurrentUrl().startsWith(TestApps.REDIRECT_URI));
        return BrowserlessLogin.queryParameters(URI.create(driver().getCurrentUrl()));
    }

    private JsonNode exchange(Pkce pkce) {
        return new SmartAppFlow(realm.getBaseUrl(), APP).exchange(new Authorization(redirectParameters(), pkce));
    }

    private <T> T wait(Function<WebDriver, T> condition) {
        // A single-page app re-renders: an element found a moment ago may be gone; look again.
        return new WebDriverWait(driver(), Duration.ofSeconds(20)).ignoring(StaleElementReferenceException.class)
                .until(condition::apply);
    }

    /** How far right the pack's page content reaches (0 on pages that are not the pack's). */
    private long widestRightEdgeOfThePacksPage() {
        Object right = ((JavascriptExecutor) driver()).executeScript("""
                var page = document.querySelector('[data-smart-page]');
                if (!page) { return 0; }
                var widest = 0;
                [page].concat(Array.from(page.querySelectorAll('*'))).forEach(function (element) {
                    var box = element.getBoundingClientRect();
                    if (box.width > 0 && box.height > 0) { widest = Math.max(widest, box.right); }
                });
                return Math.ceil(widest);""");
        return ((Number) right).longValue();
    }

    /** The whole page at a desktop and a phone width; the pack's pages must fit both without sideways scrolling. */
    private void screenshots(String name) throws Exception {
        Path target = Path.of("target", "screenshots");
        Files.createDirectories(target);
        for (Map.Entry<String, Dimension> size : Map.of("desktop", DESKTOP, "phone", PHONE).entrySet()) {
            driver().manage().window().setSize(size.getValue());
            assertThat(widestRightEdgeOfThePacksPage()).as(name + " fits the " + size.getKey() + " width")
                    .isLessThanOrEqualTo(size.getValue().width);
            long height = (Long) ((JavascriptExecutor) driver()).executeScript(
                    "return Math.max(document.body.scrollHeight, document.documentElement.scrollHeight)");
            driver().manage().window().setSize(new Dimension(size.getValue().width, (int) Math.max(height, size.getValue().height)));
            Files.write(target.resolve(name + "-" + size.getKey() + ".png"),
                    ((TakesScreenshot) driver()).getScreenshotAs(OutputType.BYTES));
        }
        driver().manage().window().setSize(DESKTOP);
    }
}
