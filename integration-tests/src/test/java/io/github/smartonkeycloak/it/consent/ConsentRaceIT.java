package io.github.smartonkeycloak.it.consent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.smartonkeycloak.it.support.BrowserlessLogin.Page;
import io.github.smartonkeycloak.it.support.BrowserlessLogin;
import io.github.smartonkeycloak.it.support.DemoUsers;
import io.github.smartonkeycloak.it.support.FhirConsents;
import io.github.smartonkeycloak.it.support.Http;
import io.github.smartonkeycloak.it.support.Pkce;
import io.github.smartonkeycloak.it.support.RealmFixtures;
import io.github.smartonkeycloak.it.support.SmartAppFlow;
import io.github.smartonkeycloak.it.support.SmartRealm;
import io.github.smartonkeycloak.it.support.SmartServerConfig;
import org.junit.jupiter.api.Test;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.injection.LifeCycle;
import org.keycloak.testframework.realm.ManagedRealm;

/**
 * Parallel first consents of one user and app (a double-click, two tabs, an app that retries) leave exactly one
 * consent and one FHIR Consent record, and the user's next launch works: the page's decision is written under a
 * database lock.
 */
@KeycloakIntegrationTest(config = SmartServerConfig.class)
class ConsentRaceIT {

    private static final int PARALLEL = 8;
    private static final int ROUNDS = 3;
    private static final String SCOPE = "launch/patient openid patient/Patient.rs patient/Observation.rs";

    @InjectRealm(fromJson = SmartRealm.JSON, config = SmartRealm.FreshId.class, lifecycle = LifeCycle.GLOBAL)
    ManagedRealm realm;

    private final DemoUsers.DemoUser amy = DemoUsers.load().patient();

    @Test
    void parallelFirstConsentsLeaveOneConsentAndTheNextLaunchWorks() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            String app = "consent-race-app-" + round;
            new RealmFixtures(realm).publicClient(app, List.of("launch/patient", "patient/*.rs"), true);

            List<Integer> statuses = approveAtTheSameMoment(app);

            assertThat(statuses).as("round %d: answers to the parallel approvals", round).allMatch(status -> status < 500);
            assertThat(consentsOf(app)).as("round %d: consents of amy for %s", round, app).isEqualTo(1);
            assertThat(new FhirConsents(realm.getBaseUrl()).ofPatient("amy-shaw").stream()
                    .filter(consent -> FhirConsents.namesApp(consent, app)))
                    .as("round %d: FHIR Consent records for %s", round, app).hasSize(1);

            BrowserlessLogin later = new BrowserlessLogin(realm.getBaseUrl()).choosingPatient("amy-shaw");
            JsonNode tokens = new SmartAppFlow(realm.getBaseUrl(), app).inBrowser(later).tokens(SCOPE, amy);
            assertThat(tokens.path("access_token").asText()).as("round %d: a launch after the race", round).isNotEmpty();
            assertThat(tokens.path("patient").asText()).isEqualTo("amy-shaw");
            assertThat(later.pagesSeen()).as("the decision is remembered").containsExactly("patient-picker");
        }
    }

    /** Brings {@value #PARALLEL} browsers to the consent page, then presses Approve in all of them at once. */
    private List<Integer> approveAtTheSameMoment(String app) throws Exception {
        List<Page> pages = new ArrayList<>();
        for (int i = 0; i < PARALLEL; i++) {
            BrowserlessLogin browser = new BrowserlessLogin(realm.getBaseUrl()).choosingPatient("amy-shaw");
            pages.add(browser.openUntil("consent", new SmartAppFlow(realm.getBaseUrl(), app).request(SCOPE, Pkce.s256()),
                    amy.username(), amy.password()));
        }
        CyclicBarrier start = new CyclicBarrier(PARALLEL);
        ExecutorService pool = Executors.newFixedThreadPool(PARALLEL);
        try {
            List<Future<Http.Response>> answers = new ArrayList<>();
            for (Page page : pages) {
                answers.add(pool.submit(() -> {
                    List<Map.Entry<String, String>> fields = new ArrayList<>();
                    page.checkedScopes().forEach(scope -> fields.add(Map.entry("scope", scope)));
                    fields.add(Map.entry("smart-action", "approve"));
                    start.await(30, TimeUnit.SECONDS);
                    return page.submit("#smart-consent-form", fields);
                }));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Http.Response> answer : answers) {
                statuses.add(answer.get(60, TimeUnit.SECONDS).status());
            }
            return statuses;
        } finally {
            pool.shutdownNow();
        }
    }

    private long consentsOf(String app) {
        String amyId = realm.admin().users().search(amy.username(), true).get(0).getId();
        return realm.admin().users().get(amyId).getConsents().stream()
                .filter(consent -> app.equals(consent.get("clientId")))
                .count();
    }
}
