package io.github.smartonkeycloak.it.launch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.smartonkeycloak.it.support.BrowserlessLogin;
import io.github.smartonkeycloak.it.support.Http;
import io.github.smartonkeycloak.it.support.Pkce;
import io.github.smartonkeycloak.it.support.RealmFixtures;
import io.github.smartonkeycloak.it.support.SmartAppFlow;
import io.github.smartonkeycloak.it.support.SmartServerConfig;
import io.github.smartonkeycloak.it.support.TokenEndpoint;
import org.junit.jupiter.api.Test;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;

/**
 * The EHR launch checks at the authorization endpoint: a wrong or missing {@code aud}, or a launch that is unknown,
 * spent, expired or another app's, never yields a code, and the error names the problem.
 */
@KeycloakIntegrationTest(config = SmartServerConfig.class)
class EhrLaunchRefusalIT extends EhrLaunchBase {

    @Test
    void aWrongAudNeverYieldsACode() {
        assertRefused(request(launch(FULL_CONTEXT), "https://inferno.healthit.gov/invalid_aud"), "aud 'https://inferno.healthit.gov/invalid_aud' is not a FHIR server");
        assertRefused(request(launch(FULL_CONTEXT), null), "aud is required");
    }

    @Test
    void aTrailingSlashAndResourceInsteadOfAudAreAccepted() {
        JsonNode withSlash = new SmartAppFlow(realm.getBaseUrl(), APP).with("aud", SmartAppFlow.FHIR_BASE_URL + "/")
                .with("launch", launch(FULL_CONTEXT)).tokens(EHR_SCOPE, users.practitioner());
        JsonNode withResource = new SmartAppFlow(realm.getBaseUrl(), APP).without("aud").with("resource", SmartAppFlow.FHIR_BASE_URL)
                .with("launch", launch(FULL_CONTEXT)).tokens(EHR_SCOPE, users.practitioner());

        assertThat(withSlash.path("patient").asText()).isEqualTo("amy-shaw");
        assertThat(withResource.path("patient").asText()).isEqualTo("amy-shaw");
    }

    @Test
    void unknownUsedForeignAndExpiredLaunchesNeverYieldACode() throws Exception {
        assertRefused(request("A".repeat(43), SmartAppFlow.FHIR_BASE_URL), "launch is unknown, expired or already used");

        String used = launch(FULL_CONTEXT);
        app(used).tokens(EHR_SCOPE, users.practitioner());
        assertRefused(request(used, SmartAppFlow.FHIR_BASE_URL), "launch is unknown, expired or already used");

        Map<String, Object> forAnotherApp = new HashMap<>(FULL_CONTEXT);
        forAnotherApp.put("client_id", "demo-backend");
        assertRefused(request(launch(forAnotherApp), SmartAppFlow.FHIR_BASE_URL), "launch was registered for another app");

        new RealmFixtures(realm).realmAttribute("smart.launchLifespan", "1");
        String expiring = launch(FULL_CONTEXT);
        Thread.sleep(2_500);
        assertRefused(request(expiring, SmartAppFlow.FHIR_BASE_URL), "launch is unknown, expired or already used");
    }

    @Test
    void theLaunchScopeWithoutALaunchParameterIsRefused() {
        Map<String, String> params = TokenEndpoint.authorizationRequest(APP, EHR_SCOPE, Pkce.s256(), "s-1");
        params.put("aud", SmartAppFlow.FHIR_BASE_URL);

        assertRefused(new BrowserlessLogin(realm.getBaseUrl()).send(params), "the launch scope needs the launch parameter");
    }

    @Test
    void ofTwoConcurrentUsesOfOneLaunchExactlyOneWins() throws Exception {
        String launchId = launch(FULL_CONTEXT);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            // The launch is spent once the user is known: two browsers sign in with it at the same time.
            Callable<Map<String, String>> attempt = () -> app(launchId).inBrowser(new BrowserlessLogin(realm.getBaseUrl()))
                    .authorize(EHR_SCOPE, users.practitioner()).redirect();
            List<Map<String, String>> redirects = new ArrayList<>();
            for (Future<Map<String, String>> result : pool.invokeAll(List.of(attempt, attempt))) {
                redirects.add(result.get());
            }
            assertThat(redirects).filteredOn(redirect -> redirect.containsKey("code")).hasSize(1);
            assertThat(redirects).filteredOn(redirect -> redirect.containsKey("error")).singleElement()
                    .satisfies(loser -> assertThat(loser.get("error_description")).isEqualTo("launch is unknown, expired or already used"));
        } finally {
            pool.shutdownNow();
        }
    }

    private Http.Response request(String launchId, String aud) {
        Map<String, String> params = TokenEndpoint.authorizationRequest(APP, EHR_SCOPE, Pkce.s256(), "s-1");
        params.put("launch", launchId);
        if (aud != null) {
            params.put("aud", aud);
        }
        return new BrowserlessLogin(realm.getBaseUrl()).send(params);
    }

    private void assertRefused(Http.Response response, String description) {
        assertThat(response.status()).as(response.body()).isEqualTo(302);
        Map<String, String> redirect = BrowserlessLogin.queryParameters(java.net.URI.create(response.header("Location").orElseThrow()));
        assertThat(redirect).containsEntry("error", "invalid_request").containsEntry("state", "s-1")
                .containsEntry("iss", realm.getBaseUrl()).doesNotContainKey("code");
        assertThat(redirect.get("error_description")).startsWith(description);
    }
}
