package io.github.smartonkeycloak.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.smartonkeycloak.cluster.support.Cluster;
import io.github.smartonkeycloak.cluster.support.ClusterRealm;
import io.github.smartonkeycloak.cluster.support.Http;
import io.github.smartonkeycloak.cluster.support.Login;
import io.github.smartonkeycloak.cluster.support.Pkce;
import io.github.smartonkeycloak.cluster.support.SmartClient;
import io.github.smartonkeycloak.cluster.support.Target;
import org.junit.jupiter.api.Test;

/**
 * Wall-clock cost of the production shape, one run with alternating rounds so that both sides of each comparison
 * see the same machine state: (a) a full standalone launch through nginx (requests spread over both nodes) against
 * the same launch on one node alone; (b) the stateless cluster against the embedded one, per request (code
 * exchange, refresh, full launch), both through nginx. Not run by default:
 * {@code flock /tmp/smart-it.lock ./mvnw -B verify -pl cluster-tests -am -Pbenchmarks -Dtest=NoUnitTests
 * -Dsurefire.failIfNoSpecifiedTests=false}. Results in cluster-tests/target/cluster-benchmark.txt.
 */
class ClusterBenchmark {

    private static final int ROUNDS = Integer.getInteger("benchmark.rounds", 6);
    private static final int PER_ROUND = Integer.getInteger("benchmark.perRound", 10);

    private final Map<String, List<Double>> samples = new LinkedHashMap<>();

    @Test
    void measure() throws IOException {
        Cluster embedded = Cluster.get(false);
        Cluster stateless = Cluster.get(true);
        for (int round = 0; round <= ROUNDS; round++) {
            boolean warmUp = round == 0;
            // Alternate which side goes first, so neither always runs on a warmer machine.
            boolean flip = round % 2 == 1;
            for (int side = 0; side < 2; side++) {
                if ((side == 0) != flip) {
                    launches("(a) launch via nginx", embedded, embedded.balancer(), warmUp);
                    steps("(b) embedded", embedded, warmUp);
                } else {
                    launches("(a) launch on node 1 alone", embedded, embedded.direct(embedded.node1()), warmUp);
                    steps("(b) stateless", stateless, warmUp);
                }
            }
        }
        String report = report();
        System.out.println(report);
        Files.writeString(Path.of("target/cluster-benchmark.txt"), report);
    }

    private void launches(String name, Cluster cluster, Target target, boolean warmUp) {
        for (int i = 0; i < PER_ROUND; i++) {
            timeLaunch(name, warmUp, () -> fullLaunch(cluster, target));
        }
    }

    /** Per request on one cluster through nginx: full launch, code exchange, refresh. */
    private void steps(String name, Cluster cluster, boolean warmUp) {
        SmartClient smart = new SmartClient(cluster.realmUrl());
        for (int i = 0; i < PER_ROUND; i++) {
            Pkce pkce = Pkce.s256();
            long start = System.nanoTime();
            Map<String, String> redirect = new Login(cluster.balancer(), cluster.realmUrl()).authorize(
                    SmartClient.authorizationRequest(ClusterRealm.APP, ClusterTestBase.STANDALONE_SCOPE, pkce,
                            cluster.fhirBaseUrl()), ClusterTestBase.PATIENT_USER, ClusterTestBase.PATIENT_USER);
            long authorized = System.nanoTime();
            Http.Response exchange = smart.exchange(cluster.balancer(), ClusterRealm.APP, redirect.get("code"), pkce);
            long exchanged = System.nanoTime();
            assertThat(exchange.status()).as(exchange.toString()).isEqualTo(200);
            Http.Response refresh = smart.refresh(cluster.balancer(), ClusterRealm.APP,
                    exchange.json().path("refresh_token").asText());
            long refreshed = System.nanoTime();
            assertThat(refresh.status()).as(refresh.toString()).isEqualTo(200);
            if (!warmUp) {
                add(name + " full launch", (exchanged - start) / 1e6);
                add(name + " code exchange", (exchanged - authorized) / 1e6);
                add(name + " refresh", (refreshed - exchanged) / 1e6);
            }
        }
    }

    private static JsonNode fullLaunch(Cluster cluster, Target target) {
        Pkce pkce = Pkce.s256();
        Map<String, String> redirect = new Login(target, cluster.realmUrl()).authorize(
                SmartClient.authorizationRequest(ClusterRealm.APP, ClusterTestBase.STANDALONE_SCOPE, pkce,
                        cluster.fhirBaseUrl()), ClusterTestBase.PATIENT_USER, ClusterTestBase.PATIENT_USER);
        Http.Response tokens = new SmartClient(cluster.realmUrl()).exchange(target, ClusterRealm.APP, redirect.get("code"), pkce);
        assertThat(tokens.status()).as(tokens.toString()).isEqualTo(200);
        return tokens.json();
    }

    private void timeLaunch(String name, boolean warmUp, Supplier<JsonNode> action) {
        long start = System.nanoTime();
        JsonNode tokens = action.get();
        double millis = (System.nanoTime() - start) / 1e6;
        assertThat(tokens.path("patient").asText()).isEqualTo("amy-shaw");
        if (!warmUp) {
            add(name, millis);
        }
    }

    private void add(String name, double millis) {
        samples.computeIfAbsent(name, n -> new ArrayList<>()).add(millis);
    }

    private String report() throws IOException {
        StringBuilder out = new StringBuilder();
        out.append("Cluster benchmark, ").append(LocalDate.now()).append(": ").append(ROUNDS).append(" rounds x ")
                .append(PER_ROUND).append(" (after one warm-up round), alternating\n");
        out.append("Machine: ").append(Runtime.getRuntime().availableProcessors()).append(" cores, ")
                .append(cpuModel()).append(", Java ").append(System.getProperty("java.version")).append('\n');
        out.append(String.format("%-40s %6s %10s %10s%n", "measure", "n", "median ms", "p95 ms"));
        samples.forEach((name, values) -> out.append(String.format("%-40s %6d %10.1f %10.1f%n", name, values.size(),
                percentile(values, 50), percentile(values, 95))));
        ratio(out, "(a) nginx / one node, full launch", "(a) launch via nginx", "(a) launch on node 1 alone");
        for (String step : List.of("full launch", "code exchange", "refresh")) {
            ratio(out, "(b) stateless / embedded, " + step, "(b) stateless " + step, "(b) embedded " + step);
        }
        return out.toString();
    }

    private void ratio(StringBuilder out, String label, String numerator, String denominator) {
        double top = percentile(samples.get(numerator), 50);
        double bottom = percentile(samples.get(denominator), 50);
        out.append(String.format("%-40s %.2f (medians; difference %+.1f ms)%n", label, top / bottom, top - bottom));
    }

    private static double percentile(List<Double> values, int percentile) {
        List<Double> sorted = values.stream().sorted().toList();
        int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1)));
    }

    private static String cpuModel() throws IOException {
        return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(line -> line.startsWith("model name"))
                .map(line -> line.substring(line.indexOf(':') + 1).trim()).findFirst().orElse("unknown CPU");
    }
}
