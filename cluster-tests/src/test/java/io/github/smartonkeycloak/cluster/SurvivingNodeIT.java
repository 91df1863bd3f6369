package io.github.smartonkeycloak.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.smartonkeycloak.cluster.support.Cluster;
import io.github.smartonkeycloak.cluster.support.ClusterRealm;
import io.github.smartonkeycloak.cluster.support.Http;
import io.github.smartonkeycloak.cluster.support.Login;
import io.github.smartonkeycloak.cluster.support.Pkce;
import io.github.smartonkeycloak.cluster.support.SmartClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Node 1 stops; node 2 carries on. Each test stops node 1 and the next one starts it again (so this class runs after
 * those that need both nodes: failsafe runs classes in alphabetical order here).
 */
class SurvivingNodeIT extends ClusterTestBase {

    @BeforeEach
    void bothNodesRunning() {
        cluster = Cluster.get();
    }

    @Test
    void aRefreshOnNodeTwoKeepsTheContextAndStillWorksAfterNodeOneStops() {
        String launch = smart.registerLaunch(node1(), EHR_CONTEXT);
        JsonNode tokens = tokens(node1(), authorize(node1(), ClusterRealm.APP, EHR_SCOPE, PRACTITIONER_USER,
                Map.of("launch", launch)));

        JsonNode refreshed = refreshed(tokens);
        cluster.stopNode(cluster.node1());
        JsonNode afterStop = refreshed(refreshed);

        assertThat(Http.plain(cluster.balancer()).get(cluster.realmUrl() + "/.well-known/smart-configuration").status())
                .as("nginx sends requests to the node that is left").isEqualTo(200);
        assertThat(smart.introspect(node2(), afterStop.path("access_token").asText()).path("patient").asText())
                .isEqualTo("amy-shaw");
    }

    @Test
    void aLoginStartedOnNodeOneFinishesOnNodeTwoOrRestartsReadably() {
        Login login = new Login(node1(), cluster.realmUrl());
        Pkce pkce = Pkce.s256();
        Login.Page form = login.open(SmartClient.authorizationRequest(ClusterRealm.APP, STANDALONE_SCOPE, pkce,
                cluster.fhirBaseUrl()));
        cluster.stopNode(cluster.node1());

        login.browser().via(node2());
        Http.Response afterLogin = form.logIn(PATIENT_USER, PATIENT_USER);

        assertThat(afterLogin.status()).as(afterLogin.toString()).isLessThan(500);
        if (afterLogin.status() / 100 == 3 || login.page(afterLogin).smartPage() != null) {
            System.out.println("Login continued on node 2 after node 1 stopped: the flow finished");
            Map<String, String> redirect = login.continueFrom(afterLogin, ClusterRealm.REDIRECT_URI, PATIENT_USER, PATIENT_USER);
            JsonNode tokens = tokens(node2(), new Authorization(redirect, pkce, ClusterRealm.APP));
            assertThat(tokens.path("patient").asText()).isEqualTo("amy-shaw");
            assertThat(tokens.path("scope").asText()).contains("patient/*.rs");
        } else {
            System.out.println("Login continued on node 2 after node 1 stopped: Keycloak's restart page");
            // Keycloak's own page: "start again" (its login form or an expired-page message), not an error page.
            assertThat(afterLogin.body()).containsAnyOf("kc-form-login", "kc-feedback-text", "kc-info-message");
        }
    }

    private static JsonNode refreshed(JsonNode tokens) {
        Http.Response response = smart.refresh(node2(), ClusterRealm.APP, tokens.path("refresh_token").asText());
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        JsonNode refreshed = response.json();
        assertThat(refreshed.path("patient").asText()).isEqualTo("amy-shaw");
        assertThat(refreshed.path("encounter").asText()).isEqualTo("amy-shaw-e1");
        return refreshed;
    }
}
