package io.github.smartonkeycloak.it.launch;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import java.util.Map;

import io.github.smartonkeycloak.it.support.BrowserlessLogin;
import io.github.smartonkeycloak.it.support.ClientKey;
import io.github.smartonkeycloak.it.support.DemoUsers;
import io.github.smartonkeycloak.it.support.Http;
import io.github.smartonkeycloak.it.support.Pkce;
import io.github.smartonkeycloak.it.support.RealmFixtures;
import io.github.smartonkeycloak.it.support.SmartAppFlow;
import io.github.smartonkeycloak.it.support.SmartRealm;
import io.github.smartonkeycloak.it.support.SmartServerConfig;
import io.github.smartonkeycloak.it.support.StubFhirServer.Behaviour;
import io.github.smartonkeycloak.it.support.StubFhirServer;
import io.github.smartonkeycloak.it.support.TestApps;
import io.github.smartonkeycloak.it.support.TestFhirServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.injection.LifeCycle;
import org.keycloak.testframework.realm.ManagedRealm;
import org.keycloak.testframework.server.KeycloakServerConfig;
import org.keycloak.testframework.server.KeycloakServerConfigBuilder;

/**
 * The credential the login pages read the FHIR server with. Keycloak runs here as behind a proxy that passes the
 * client's {@code Host} and {@code X-Forwarded-Host} on: back-channel URLs follow them, the front-channel URL (and so
 * the tokens' issuer) is fixed. Whatever a request says its host is, the pickers get a real token, which the demo
 * FHIR server introspects at Keycloak, and no credential or token request leaves Keycloak. Key-based service clients
 * work; FHIR servers on plain http away from loopback are refused; the launcher checks what a read returns.
 */
@KeycloakIntegrationTest(config = FhirServiceCredentialIT.ForwardedHostsServerConfig.class)
class FhirServiceCredentialIT {

    /** The suite's server, plus what makes Keycloak build back-channel URLs from the request's (forwarded) host. */
    public static final class ForwardedHostsServerConfig implements KeycloakServerConfig {

        @Override
        public KeycloakServerConfigBuilder configure(KeycloakServerConfigBuilder config) {
            return new SmartServerConfig().configure(config)
                    .option("hostname", "http://localhost:8080")
                    .option("hostname-backchannel-dynamic", "true")
                    .option("proxy-headers", "xforwarded");
        }
    }

    private static final String APP = "service-credential-test-app";
    private static final String SCOPES = "launch/patient openid patient/*.rs";
    private static final String KEYCLOAK = "http://localhost:8080";
    /** Stands in for attacker.example: any request that reaches it is a credential or token sent away. */
    private static StubFhirServer elsewhere;

    @InjectRealm(fromJson = SmartRealm.JSON, config = SmartRealm.FreshId.class, lifecycle = LifeCycle.GLOBAL)
    ManagedRealm realm;

    private final DemoUsers.DemoUser clinician = DemoUsers.load().practitioner();
    private RealmFixtures fixtures;

    @BeforeAll
    static void startStub() {
        elsewhere = new StubFhirServer();
    }

    @AfterAll
    static void stopStub() {
        elsewhere.close();
    }

    @BeforeEach
    void registerAnApp() {
        TestFhirServer.ensureRunning();
        fixtures = new RealmFixtures(realm);
        fixtures.publicClient(APP, List.of("launch/patient", "patient/*.rs"));
    }

    private SmartAppFlow app() {
        return new SmartAppFlow(realm.getBaseUrl(), APP);
    }

    private String authorizationUrl(SmartAppFlow app) {
        return realm.getBaseUrl() + "/protocol/openid-connect/auth?" + Http.formEncode(app.request(SCOPES, Pkce.s256()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Host", "X-Forwarded-Host"})
    void aPickerRequestWithAForgedHostReadsTheFhirServerWithARealTokenAndSendsNothingElsewhere(String header) {
        RawBrowser browser = new RawBrowser();
        RawBrowser.Response picker = browser.signIn(browser.get(authorizationUrl(app())), KEYCLOAK,
                clinician.username(), clinician.password());
        assertThat(picker.smartPage()).isEqualTo("patient-picker");
        // A service client no token was ever issued for: nothing cached can hide where a token would come from.
        String serviceClient = "fhir-reader-" + header.toLowerCase();
        fixtures.backendClient(serviceClient, "secret-of-" + serviceClient, List.of("system/*.rs"));
        fixtures.realmAttribute("smart.fhirServiceClient", serviceClient);
        elsewhere.forgetRequests();

        RawBrowser.Response searched = browser.submit(picker, "#smart-patient-search", List.of(Map.entry("search", "")),
                header, elsewhere.hostAndPort());

        assertThat(elsewhere.requests()).isEmpty();
        assertThat(searched.status()).as(searched.body()).isEqualTo(200);
        assertThat(searched.smartPage()).isEqualTo("patient-picker");
        // The demo FHIR server introspects every token at Keycloak and answers nothing to an inactive one.
        assertThat(searched.all("data-patient-id")).isNotEmpty();
    }

    @Test
    void aServiceClientThatAuthenticatesWithAKeyReadsTheFhirServer() {
        fixtures.assertionClient("fhir-reader-with-key", null, ClientKey.jwks(ClientKey.rs384("reader-key")), List.of("system/*.rs"));
        fixtures.realmAttribute("smart.fhirServiceClient", "fhir-reader-with-key");

        BrowserlessLogin.Page picker = new BrowserlessLogin(realm.getBaseUrl())
                .openUntil("patient-picker", app().request(SCOPES, Pkce.s256()), clinician.username(), clinician.password());

        assertThat(picker.all("data-patient-id")).isNotEmpty();
    }

    @Test
    void aRealmWhoseFhirServerIsPlainHttpAwayFromLoopbackRefusesSmartRequestsAndSaysWhy() {
        fixtures.realmAttribute("smart.fhirBaseUrls", "http://fhir.example");

        Http.Response refused = new BrowserlessLogin(realm.getBaseUrl())
                .send(app().with("aud", "http://fhir.example").request(SCOPES, Pkce.s256()));

        assertThat(refused.status()).isEqualTo(302);
        String location = refused.header("Location").orElseThrow();
        assertThat(location).startsWith(TestApps.REDIRECT_URI);
        Map<String, String> redirect = BrowserlessLogin.queryParameters(URI.create(location));
        assertThat(redirect).containsEntry("error", "invalid_request").doesNotContainKey("code");
        assertThat(redirect.get("error_description")).contains("http://fhir.example", "https");
    }

    @Test
    void theLauncherRefusesAReadOfAPatientThatAnswersWithSomethingElse() {
        elsewhere.behave(Behaviour.WRONG_RESOURCE);
        fixtures.realmAttribute("smart.fhirBaseUrls", elsewhere.baseUrl());
        RawBrowser browser = new RawBrowser();
        String launcher = realm.getBaseUrl() + "/smart-launch/ehr";
        RawBrowser.Response page = browser.signIn(browser.get(launcher), KEYCLOAK, clinician.username(), clinician.password());
        assertThat(page.status()).as(page.body()).isEqualTo(200);
        assertThat(page.all("data-patient-id")).contains("amy-shaw");

        RawBrowser.Response selected = browser.get(launcher + "?patient=amy-shaw");

        assertThat(selected.status()).isEqualTo(502);
        assertThat(selected.body()).doesNotContain("A Patient");
    }
}
