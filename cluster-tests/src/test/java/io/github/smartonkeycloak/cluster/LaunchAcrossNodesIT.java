package io.github.smartonkeycloak.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.smartonkeycloak.cluster.support.ClusterRealm;
import io.github.smartonkeycloak.cluster.support.Login;
import io.github.smartonkeycloak.cluster.support.Pkce;
import io.github.smartonkeycloak.cluster.support.SmartClient;
import io.github.smartonkeycloak.cluster.support.Target;
import org.junit.jupiter.api.Test;

/** An EHR launch registered on one node is cluster state: usable on the other node, and still single-use there. */
class LaunchAcrossNodesIT extends ClusterTestBase {

    @Test
    void aLaunchRegisteredOnNodeOneIsUsedOnNodeTwo() {
        String launch = smart.registerLaunch(node1(), EHR_CONTEXT);

        Authorization authorization = authorize(node2(), ClusterRealm.APP, EHR_SCOPE, PRACTITIONER_USER,
                Map.of("launch", launch));
        JsonNode tokens = tokens(node2(), authorization);

        assertThat(tokens.path("patient").asText()).isEqualTo("amy-shaw");
        assertThat(tokens.path("encounter").asText()).isEqualTo("amy-shaw-e1");
    }

    @Test
    void ofTwoSimultaneousUsesOnTheTwoNodesExactlyOneWins() throws Exception {
        String launch = smart.registerLaunch(node1(), EHR_CONTEXT);
        CyclicBarrier bothAtTheLoginForm = new CyclicBarrier(2);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Map<String, String>>> results = pool.invokeAll(List.of(
                    use(launch, node1(), bothAtTheLoginForm), use(launch, node2(), bothAtTheLoginForm)), 3, TimeUnit.MINUTES);
            List<Map<String, String>> redirects = new ArrayList<>();
            for (Future<Map<String, String>> result : results) {
                redirects.add(result.get());
            }
            assertThat(redirects).filteredOn(redirect -> redirect.containsKey("code")).hasSize(1);
            assertThat(redirects).filteredOn(redirect -> redirect.containsKey("error")).singleElement()
                    .satisfies(loser -> assertThat(loser.get("error_description"))
                            .isEqualTo("launch is unknown, expired or already used"));
        } finally {
            pool.shutdownNow();
        }
    }

    /** A browser on {@code node} that opens the login form with the launch, waits for the other, then signs in. */
    private static Callable<Map<String, String>> use(String launch, Target node, CyclicBarrier barrier) {
        return () -> {
            Map<String, String> request = SmartClient.authorizationRequest(ClusterRealm.APP, EHR_SCOPE, Pkce.s256(),
                    cluster.fhirBaseUrl());
            request.put("launch", launch);
            Login login = new Login(node, cluster.realmUrl());
            Login.Page form = login.open(request);
            barrier.await(1, TimeUnit.MINUTES);
            return login.continueFrom(form.logIn(PRACTITIONER_USER, PRACTITIONER_USER), ClusterRealm.REDIRECT_URI,
                    PRACTITIONER_USER, PRACTITIONER_USER);
        };
    }
}
