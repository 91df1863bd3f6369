package io.github.smartonkeycloak.it.launch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.github.smartonkeycloak.it.support.BrowserlessLogin.Page;
import io.github.smartonkeycloak.it.support.BrowserlessLogin;
import io.github.smartonkeycloak.it.support.DemoUsers;
import io.github.smartonkeycloak.it.support.Http;
import io.github.smartonkeycloak.it.support.Pkce;
import io.github.smartonkeycloak.it.support.RealmFixtures;
import io.github.smartonkeycloak.it.support.SmartAppFlow.Authorization;
import io.github.smartonkeycloak.it.support.SmartAppFlow;
import io.github.smartonkeycloak.it.support.SmartRealm;
import io.github.smartonkeycloak.it.support.SmartServerConfig;
import io.github.smartonkeycloak.it.support.StubFhirServer.Behaviour;
import io.github.smartonkeycloak.it.support.StubFhirServer;
import io.github.smartonkeycloak.it.support.TestApps;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.injection.LifeCycle;
import org.keycloak.testframework.realm.ManagedRealm;

/**
 * The patient picker when the FHIR server cannot help: unreachable, answering 5xx, garbage or too late. The user
 * gets a readable error page with "try again" and "cancel", the app gets no code, and trying again once the server
 * is back carries on where the user was. What the FHIR server sends is shown as text, never as markup.
 */
@KeycloakIntegrationTest(config = SmartServerConfig.class)
class FhirOutageIT {

    private static final String APP = "outage-test-app";
    private static final String SCOPES = "launch/patient openid patient/*.rs";
    private static StubFhirServer stub;

    @InjectRealm(fromJson = SmartRealm.JSON, config = SmartRealm.FreshId.class, lifecycle = LifeCycle.GLOBAL)
    ManagedRealm realm;

    private final DemoUsers.DemoUser patient = DemoUsers.load().patient();

    @BeforeAll
    static void startStub() {
        stub = new StubFhirServer();
    }

    @AfterAll
    static void stopStub() {
        stub.close();
    }

    private SmartAppFlow appCalling(String fhirBaseUrl) {
        RealmFixtures fixtures = new RealmFixtures(realm);
        fixtures.publicClient(APP, List.of("launch/patient", "patient/*.rs"));
        fixtures.realmAttribute("smart.fhirBaseUrls", fhirBaseUrl);
        // The stub counts the pickers' requests; the FHIR consent store's poll would search it too.
        fixtures.realmAttribute("smart.consentStore", "keycloak");
        return new SmartAppFlow(realm.getBaseUrl(), APP).with("aud", fhirBaseUrl);
    }

    @ParameterizedTest
    @EnumSource(value = Behaviour.class, names = {"SERVER_ERROR", "NOT_JSON", "NOT_A_BUNDLE", "SLOW"})
    void aBrokenFhirServerGivesAnErrorPageAndNoCodeAndRetryWorksOnceItIsBack(Behaviour broken) {
        SmartAppFlow app = appCalling(stub.baseUrl());
        stub.behave(broken);
        BrowserlessLogin login = new BrowserlessLogin(realm.getBaseUrl());
        Pkce pkce = Pkce.s256();

        long started = System.nanoTime();
        Page error = login.openUntil("error", app.request(SCOPES, pkce), patient.username(), patient.password());
        Duration waited = Duration.ofNanos(System.nanoTime() - started);

        assertThat(error.response().status()).isEqualTo(502);
        assertThat(error.html().text()).contains("The health record server cannot be reached right now")
                .doesNotContain("Exception", "at io.github");
        assertThat(error.all("data-smart-action")).containsExactly("retry", "cancel");
        if (broken == Behaviour.SLOW) {
            // The read timeout (5 s) ends the wait, not the server (8 s); login and page take the rest.
            assertThat(waited).isLessThan(Duration.ofSeconds(8));
        }

        stub.behave(Behaviour.HEALTHY);
        Http.Response retried = error.submit("#smart-error-actions", List.of(Map.entry("smart-action", "retry")));
        Page picker = login.page(retried);
        assertThat(picker.smartPage()).isEqualTo("patient-picker");
        assertThat(picker.all("data-patient-id")).containsExactly("amy-shaw", "ben-shaw");

        Map<String, String> redirect = login.continueFrom(
                picker.submit("#smart-patient-choice", List.of(Map.entry("patient", "ben-shaw"))), TestApps.REDIRECT_URI);
        assertThat(app.exchange(new Authorization(redirect, pkce)).path("patient").asText()).isEqualTo("ben-shaw");
    }

    @Test
    void aPageOfTheClinicianPickerEndsWithinItsDeadlineHoweverSlowlyTheServerPages() {
        SmartAppFlow app = appCalling(stub.baseUrl());
        stub.behave(Behaviour.SLOW_PAGES);
        BrowserlessLogin login = new BrowserlessLogin(realm.getBaseUrl());
        DemoUsers.DemoUser clinician = DemoUsers.load().practitioner();
        Page picker = login.openUntil("patient-picker", app.request(SCOPES, Pkce.s256()), clinician.username(), clinician.password());
        stub.forgetRequests();

        // Page 50 would be 51 calls of 3 s each, one after the other.
        long started = System.nanoTime();
        Page error = login.page(picker.submit("#smart-patient-search", List.of(Map.entry("search", ""), Map.entry("page", "50"))));
        Duration waited = Duration.ofNanos(System.nanoTime() - started);

        assertThat(error.response().status()).isEqualTo(502);
        assertThat(error.smartPage()).isEqualTo("error");
        assertThat(waited).isLessThan(Duration.ofSeconds(8 + 2));
        assertThat(stub.requests()).hasSizeLessThanOrEqualTo(3);
    }

    @Test
    void whatTheFhirServerAndTheUserSendIsShownAsTextNeverAsMarkup() {
        SmartAppFlow app = appCalling(stub.baseUrl());
        stub.behave(Behaviour.HOSTILE);
        BrowserlessLogin login = new BrowserlessLogin(realm.getBaseUrl());

        Page picker = login.openUntil("patient-picker", app.request(SCOPES, Pkce.s256()), patient.username(), patient.password());
        Page searched = login.page(picker.submit("#smart-patient-search", List.of(Map.entry("search", "\"><script>alert(2)</script>"))));

        for (Page page : List.of(picker, searched)) {
            String html = page.response().body();
            assertThat(html).doesNotContain("<script>alert", "<img src=x", "<b>Ben</b>", "<i>male</i>");
            assertThat(page.html().select("script:containsData(alert)")).isEmpty();
            assertThat(page.html().select("img[onerror], [data-smart-page] b, [data-smart-page] i")).isEmpty();
        }
        assertThat(picker.html().select("[data-patient-id=amy-shaw]").text()).contains("<script>alert('amy')</script>");
        assertThat(picker.html().select("[data-patient-id=ben-shaw]").text()).contains("<b>Ben</b> Shaw & Co");
        assertThat(searched.html().select("input[name=search]").attr("value")).isEqualTo("\"><script>alert(2)</script>");
    }

    @Test
    void anUnreachableFhirServerGivesAnErrorPageAndCancelSendsAccessDenied() throws IOException {
        SmartAppFlow app = appCalling("http://localhost:" + freePort() + "/fhir");
        BrowserlessLogin login = new BrowserlessLogin(realm.getBaseUrl());

        Page error = login.openUntil("error", app.request(SCOPES, Pkce.s256()), patient.username(), patient.password());
        assertThat(error.response().status()).isEqualTo(502);
        assertThat(error.response().header("Server-Timing")).hasValueSatisfying(timing -> assertThat(timing).startsWith("fhir;dur="));

        Http.Response retried = error.submit("#smart-error-actions", List.of(Map.entry("smart-action", "retry")));
        Page stillDown = login.page(retried);
        assertThat(stillDown.smartPage()).isEqualTo("error");

        Map<String, String> redirect = login.continueFrom(
                stillDown.submit("#smart-error-actions", List.of(Map.entry("smart-action", "cancel"))), TestApps.REDIRECT_URI);
        assertThat(redirect).containsEntry("error", "access_denied").doesNotContainKey("code");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
