package io.github.smartonkeycloak.cluster;

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
import io.github.smartonkeycloak.cluster.support.ClusterRealm;
import io.github.smartonkeycloak.cluster.support.Http;
import io.github.smartonkeycloak.cluster.support.Login;
import io.github.smartonkeycloak.cluster.support.Pkce;
import io.github.smartonkeycloak.cluster.support.SmartClient;
import org.junit.jupiter.api.Test;

/**
 * Parallel first consents of one user and app on both nodes (two tabs behind the load balancer, a retry that lands on
 * the other node) leave one consent in Keycloak's database and one FHIR Consent, and the next launch is not asked
 * again: the consent page writes the decision under a database row lock, which holds across nodes.
 */
class ConsentRaceAcrossNodesIT extends ClusterTestBase {

    /** Browsers per node. */
    private static final int PER_NODE = 3;

    @Test
    void parallelFirstConsentsOnBothNodesLeaveOneConsentAndOneFhirConsent() throws Exception {
        List<Login.Page> pages = new ArrayList<>();
        for (int i = 0; i < 2 * PER_NODE; i++) {
            Login browser = new Login(i % 2 == 0 ? node1() : node2(), cluster.realmUrl());
            pages.add(browser.until("consent", request(), PATIENT_USER, PATIENT_USER));
        }

        List<Integer> statuses = approveAtTheSameMoment(pages);

        assertThat(statuses).as("answers to the parallel approvals").allMatch(status -> status < 500);
        assertThat(cluster.consentsOf(PATIENT_USER, ClusterRealm.CONSENT_RACE_APP)).isEqualTo(1);
        assertThat(fhirConsentsOfTheApp()).as("FHIR Consent records of the app").isEqualTo(1);
        Login later = new Login(node2(), cluster.realmUrl());
        assertThat(later.authorize(request(), PATIENT_USER, PATIENT_USER)).containsKey("code");
        assertThat(later.pagesSeen()).as("the decision is remembered on either node").doesNotContain("consent");
    }

    private static Map<String, String> request() {
        return SmartClient.authorizationRequest(ClusterRealm.CONSENT_RACE_APP, STANDALONE_SCOPE, Pkce.s256(),
                cluster.fhirBaseUrl());
    }

    private static List<Integer> approveAtTheSameMoment(List<Login.Page> pages) throws Exception {
        CyclicBarrier start = new CyclicBarrier(pages.size());
        ExecutorService pool = Executors.newFixedThreadPool(pages.size());
        try {
            List<Future<Http.Response>> answers = new ArrayList<>();
            for (Login.Page page : pages) {
                answers.add(pool.submit(() -> {
                    start.await(30, TimeUnit.SECONDS);
                    return page.approve();
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

    /** The app's Consent records on the FHIR server (amy's records), read with the demo back end's service token. */
    private static long fhirConsentsOfTheApp() {
        Http http = Http.plain(node1());
        Http.Response token = http.postForm(smart.tokenUrl(), Map.of("grant_type", "client_credentials",
                "scope", "system/Consent.rs"), "Authorization", Http.basic("demo-backend", "demo-backend-secret"));
        assertThat(token.status()).as(token.toString()).isEqualTo(200);
        long count = 0;
        // amy may pick either of her records on the picker; the app's records are counted on both.
        for (String patient : List.of("amy-shaw", "ben-shaw")) {
            Http.Response found = http.get(cluster.fhirBaseUrl() + "/Consent?patient=" + patient + "&_count=100",
                    "Authorization", "Bearer " + token.json().path("access_token").asText(), "Accept", "application/fhir+json");
            assertThat(found.status()).as(found.toString()).isEqualTo(200);
            for (JsonNode entry : found.json().path("entry")) {
                for (JsonNode identifier : entry.path("resource").path("identifier")) {
                    if (identifier.path("value").asText().contains("/" + ClusterRealm.CONSENT_RACE_APP + "/")) {
                        count++;
                    }
                }
            }
        }
        return count;
    }
}
