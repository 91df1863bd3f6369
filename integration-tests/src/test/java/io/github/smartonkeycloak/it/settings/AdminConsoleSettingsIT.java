package io.github.smartonkeycloak.it.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.smartonkeycloak.capability.SmartCapability;
import io.github.smartonkeycloak.core.settings.SmartClientSettings;
import io.github.smartonkeycloak.core.settings.SmartRealmSettings;
import io.github.smartonkeycloak.it.support.Http;
import io.github.smartonkeycloak.it.support.SmartRealm;
import io.github.smartonkeycloak.it.support.SmartServerConfig;
import io.github.smartonkeycloak.settings.client.SmartClientSettingsTabFactory;
import io.github.smartonkeycloak.settings.realm.SmartRealmSettingsTabFactory;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.ComponentRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.services.ui.extend.UiTabProvider;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.injection.LifeCycle;
import org.keycloak.testframework.realm.ManagedRealm;
import org.keycloak.testframework.ui.annotations.InjectWebDriver;
import org.keycloak.testframework.ui.webdriver.ManagedWebDriver;
import org.keycloak.testframework.util.ApiUtil;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The SMART tabs of the admin console: the realm's under Realm settings and each client's. They edit the same realm
 * and client attributes the pack reads, refuse bad values with the reason, and a change shows at once in the
 * discovery document. With {@code -Dsmart.screenshots=true} the tabs are photographed into {@code docs/screenshots}.
 */
@KeycloakIntegrationTest(config = SmartServerConfig.class)
class AdminConsoleSettingsIT {

    private static final String ADMIN = "admin";
    private static final String TAB_TYPE = UiTabProvider.class.getName();

    @InjectRealm(fromJson = SmartRealm.JSON, config = SmartRealm.FreshId.class, lifecycle = LifeCycle.GLOBAL)
    ManagedRealm realm;

    @InjectWebDriver
    ManagedWebDriver browser;

    @org.keycloak.testframework.annotations.InjectAdminClient
    org.keycloak.admin.client.Keycloak adminClient;

    private final Http http = Http.plain();

    private JsonNode discovery() {
        Http.Response response = http.get(realm.getBaseUrl() + "/.well-known/smart-configuration");
        assertThat(response.status()).isEqualTo(200);
        return response.json();
    }

    private List<String> capabilities() {
        List<String> names = new java.util.ArrayList<>();
        discovery().path("capabilities").forEach(name -> names.add(name.asText()));
        return names;
    }

    private String realmAttribute(String key) {
        return realm.admin().toRepresentation().getAttributes().get(key);
    }

    /** Puts the attributes back as they were, whatever the test did through the tab. */
    private void restoreAttributesAfterwards(String... keys) {
        RealmRepresentation before = realm.admin().toRepresentation();
        realm.cleanup().add(r -> {
            RealmRepresentation restore = r.toRepresentation();
            for (String key : keys) {
                String value = before.getAttributes().get(key);
                restore.getAttributes().put(key, value == null ? "" : value);
            }
            r.update(restore);
        });
    }

    private ComponentRepresentation realmTab() {
        String realmId = realm.admin().toRepresentation().getId();
        return realm.admin().components().query(realmId, TAB_TYPE).stream()
                .filter(component -> SmartRealmSettingsTabFactory.PROVIDER_ID.equals(component.getProviderId()))
                .findFirst().orElseThrow();
    }


    @Test
    void theServerOffersBothTabsToTheConsole() {
        org.keycloak.representations.info.ServerInfoRepresentation info = adminClient.serverInfo().getInfo();

        assertThat(info.getFeatures()).anySatisfy(feature -> {
            assertThat(feature.getName()).isEqualTo("DECLARATIVE_UI");
            assertThat(feature.isEnabled()).isTrue();
        });
        assertThat(info.getComponentTypes().get(TAB_TYPE))
                .extracting(org.keycloak.representations.idm.ComponentTypeRepresentation::getId)
                .contains(SmartRealmSettingsTabFactory.PROVIDER_ID, SmartClientSettingsTabFactory.PROVIDER_ID);
        assertThat(info.getComponentTypes().get(TAB_TYPE)).filteredOn(type -> type.getId().equals(SmartRealmSettingsTabFactory.PROVIDER_ID))
                .singleElement().satisfies(type -> assertThat(type.getMetadata()).containsEntry("path", "/:realm/realm-settings/:tab?"));
    }

    @Test
    void theRealmTabIsFilledFromTheRealmAttributes() {
        assertThat(realmTab().getConfig().getFirst("fhirBaseUrls"))
                .isEqualTo(realmAttribute(SmartRealmSettings.FHIR_BASE_URLS));
    }

    @Test
    void savingTheRealmTabWritesTheRealmAttributeAndDiscoveryFollows() {
        restoreAttributesAfterwards(SmartRealmSettings.WITHHELD_CAPABILITIES);
        assertThat(capabilities()).contains(SmartCapability.PERMISSION_OFFLINE);

        ComponentRepresentation tab = realmTab();
        tab.getConfig().putSingle("withheldCapabilities", SmartCapability.PERMISSION_OFFLINE);
        realm.admin().components().component(tab.getId()).update(tab);

        assertThat(realmAttribute(SmartRealmSettings.WITHHELD_CAPABILITIES)).isEqualTo(SmartCapability.PERMISSION_OFFLINE);
        assertThat(capabilities()).doesNotContain(SmartCapability.PERMISSION_OFFLINE);
    }

    @Test
    void aValueOutOfBoundsIsRefusedWithTheReasonAndChangesNothing() {
        String before = realmAttribute(SmartRealmSettings.LAUNCH_LIFESPAN);
        ComponentRepresentation tab = realmTab();
        tab.getConfig().putSingle("launchLifespan", "7200");

        assertThatThrownBy(() -> realm.admin().components().component(tab.getId()).update(tab))
                .isInstanceOfSatisfying(BadRequestException.class, refused ->
                        assertThat(refused.getResponse().readEntity(String.class))
                                .contains("smart.launchLifespan", "must be a whole number from 1 to 3600"));
        assertThat(realmAttribute(SmartRealmSettings.LAUNCH_LIFESPAN)).isEqualTo(before);
    }

    @Test
    void aChangeMadeThroughRestIsNotOverwrittenByTheTabsOlderCopy() {
        restoreAttributesAfterwards(SmartRealmSettings.STYLE, SmartRealmSettings.WITHHELD_CAPABILITIES);
        ComponentRepresentation tab = realmTab();
        RealmRepresentation representation = realm.admin().toRepresentation();
        representation.getAttributes().put(SmartRealmSettings.STYLE, "{\"color_background\":\"#ffffff\"}");
        realm.admin().update(representation);

        tab.getConfig().putSingle("withheldCapabilities", SmartCapability.CLIENT_PUBLIC);
        realm.admin().components().component(tab.getId()).update(tab);

        assertThat(realmAttribute(SmartRealmSettings.STYLE)).isEqualTo("{\"color_background\":\"#ffffff\"}");
        assertThat(realmAttribute(SmartRealmSettings.WITHHELD_CAPABILITIES)).isEqualTo(SmartCapability.CLIENT_PUBLIC);
    }

    @Test
    void theClientTabWritesTheAttributesOfTheClientItWasSavedFor() {
        ClientRepresentation client = realm.admin().clients().findByClientId("smart-fhir-reader").get(0);
        ComponentRepresentation tab = new ComponentRepresentation();
        tab.setName(SmartClientSettingsTabFactory.PROVIDER_ID);
        tab.setProviderId(SmartClientSettingsTabFactory.PROVIDER_ID);
        tab.setProviderType(TAB_TYPE);
        tab.setParentId(realm.admin().toRepresentation().getId());
        tab.setConfig(new org.keycloak.common.util.MultivaluedHashMap<>());
        tab.getConfig().putSingle("clientId", client.getId());
        tab.getConfig().putSingle("launchUrl", "not a url");

        try (Response refused = realm.admin().components().add(tab)) {
            assertThat(refused.getStatus()).isEqualTo(400);
            assertThat(refused.readEntity(String.class)).contains("smart.launchUrl", "absolute http or https URL");
        }

        tab.getConfig().putSingle("launchUrl", "https://app.example/launch");
        try (Response created = realm.admin().components().add(tab)) {
            String id = ApiUtil.getCreatedId(created);
            realm.cleanup().add(r -> {
                r.components().component(id).remove();
                ClientRepresentation restore = r.clients().get(client.getId()).toRepresentation();
                restore.getAttributes().put(SmartClientSettings.LAUNCH_URL, "");
                r.clients().get(client.getId()).update(restore);
            });
        }
        assertThat(realm.admin().clients().get(client.getId()).toRepresentation().getAttributes())
                .containsEntry(SmartClientSettings.LAUNCH_URL, "https://app.example/launch");
    }


    @Test
    void anAdminWithholdsACapabilityOnTheRealmsSmartTabAndDiscoveryStopsAdvertisingIt() throws Exception {
        restoreAttributesAfterwards(SmartRealmSettings.WITHHELD_CAPABILITIES, SmartRealmSettings.LAUNCH_LIFESPAN);
        assertThat(capabilities()).contains(SmartCapability.CLIENT_PUBLIC);
        signInToTheConsole("#/" + realm.getName() + "/realm-settings/smart");

        WebElement withheld = waitFor(driver -> field(driver, "withheldCapabilities"));
        assertThat(field(driver(), "fhirBaseUrls").getAttribute("value"))
                .isEqualTo(realmAttribute(SmartRealmSettings.FHIR_BASE_URLS));
        screenshot("admin-console-realm-smart-tab");
        replace(withheld, SmartCapability.CLIENT_PUBLIC);
        save();

        waitFor(driver -> capabilities().contains(SmartCapability.CLIENT_PUBLIC) ? null : true);
        assertThat(realmAttribute(SmartRealmSettings.WITHHELD_CAPABILITIES)).isEqualTo(SmartCapability.CLIENT_PUBLIC);

        replace(field(driver(), "launchLifespan"), "0");
        save();
        waitFor(driver -> driver.getPageSource().contains("must be a whole number from 1 to 3600") ? true : null);
        assertThat(SmartRealmSettings.of(realm.admin().toRepresentation().getAttributes()).launchLifespanSeconds())
                .isEqualTo(SmartRealmSettings.DEFAULT_LAUNCH_LIFESPAN);
    }

    @Test
    void anAdminSeesTheSmartTabOfAClient() throws Exception {
        ClientRepresentation client = realm.admin().clients().findByClientId("smart-fhir-reader").get(0);
        signInToTheConsole("#/" + realm.getName() + "/clients/" + client.getId() + "/smart");

        waitFor(driver -> field(driver, "launchUrl"));
        assertThat(driver().getPageSource()).contains("fhirContext format", "Consent prompt");
        screenshot("admin-console-client-smart-tab");
    }

    private void signInToTheConsole(String route) {
        driver().manage().window().setSize(new Dimension(1280, 1000));
        browser.open("http://localhost:8080/admin/master/console/" + route);
        if (!driver().findElements(By.id("username")).isEmpty()) {
            driver().findElement(By.id("username")).sendKeys(ADMIN);
            driver().findElement(By.id("password")).sendKeys(ADMIN);
            driver().findElement(By.id("kc-login")).click();
        }
    }

    /** A field of a console form, by the setting's field name (the console's data-testid). */
    private static WebElement field(WebDriver driver, String name) {
        return driver.findElement(By.cssSelector("input[data-testid='" + name + "'], textarea[data-testid='" + name + "']"));
    }

    private void replace(WebElement field, String value) {
        field.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
        field.sendKeys(value);
    }

    private void save() {
        driver().findElement(By.cssSelector("[data-testid='save']")).click();
    }

    private WebDriver driver() {
        return browser.driver();
    }

    private <T> T waitFor(Function<WebDriver, T> condition) {
        // The console is a single-page app that re-renders: look again rather than hold on to an element.
        try {
            return new WebDriverWait(driver(), Duration.ofSeconds(30)).ignoring(StaleElementReferenceException.class)
                    .until(condition::apply);
        } catch (org.openqa.selenium.TimeoutException e) {
            // What the console showed instead, for whoever reads the failure.
            try {
                Path target = Files.createDirectories(Path.of("target", "screenshots"));
                Files.write(target.resolve("admin-console-failure.png"),
                        ((TakesScreenshot) driver()).getScreenshotAs(OutputType.BYTES));
                Files.writeString(target.resolve("admin-console-failure.html"),
                        "<!-- " + driver().getCurrentUrl() + " -->\n" + driver().getPageSource());
            } catch (java.io.IOException ignored) {
                // the timeout is the failure to report
            }
            throw e;
        }
    }

    /** Into target/screenshots always; into docs/screenshots as well with -Dsmart.screenshots=true. */
    private void screenshot(String name) throws Exception {
        byte[] png = ((TakesScreenshot) driver()).getScreenshotAs(OutputType.BYTES);
        Path target = Files.createDirectories(Path.of("target", "screenshots"));
        Files.write(target.resolve(name + ".png"), png);
        if (Boolean.getBoolean("smart.screenshots")) {
            Files.write(Files.createDirectories(Path.of("..", "docs", "screenshots")).resolve(name + ".png"), png);
        }
    }
}
