package io.github.smartonkeycloak.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.smartonkeycloak.cluster.support.ClusterRealm;
import io.github.smartonkeycloak.cluster.support.Http;
import io.github.smartonkeycloak.cluster.support.Target;
import org.junit.jupiter.api.Test;

/** Through nginx: each scheme gets its own URLs (X-Forwarded-* from the trusted proxy), and a launch spans both nodes. */
class DiscoveryThroughNginxIT extends ClusterTestBase {

    private static final String DISCOVERY = "/realms/" + ClusterRealm.NAME + "/.well-known/smart-configuration";

    @Test
    void discoveryOverHttpsAnswersHttpsUrls() {
        String https = cluster.publicHttpsUrl();
        JsonNode discovery = Http.trusting(cluster.nginxCertificate(), new Target("nginx https", https, null, null, null))
                .get(https + DISCOVERY).json();

        assertThat(discovery.path("issuer").asText()).isEqualTo(https + "/realms/" + ClusterRealm.NAME);
        assertThat(discovery.path("authorization_endpoint").asText()).startsWith(https + "/");
        assertThat(discovery.path("token_endpoint").asText()).startsWith(https + "/");
    }

    @Test
    void discoveryOverHttpAnswersHttpUrls() {
        JsonNode discovery = Http.plain(cluster.balancer()).get(cluster.publicHttpUrl() + DISCOVERY).json();

        assertThat(discovery.path("issuer").asText()).isEqualTo(cluster.realmUrl());
        assertThat(discovery.path("token_endpoint").asText()).startsWith(cluster.publicHttpUrl() + "/");
    }

    @Test
    void aStandaloneLaunchThroughNginxIsServedByBothNodes() throws Exception {
        long before = Files.lines(cluster.nginxAccessLog()).count();

        JsonNode tokens = tokens(cluster.balancer(),
                authorize(cluster.balancer(), ClusterRealm.APP, STANDALONE_SCOPE, PATIENT_USER, Map.of()));

        assertThat(tokens.path("patient").asText()).isEqualTo("amy-shaw");
        try (var lines = Files.lines(cluster.nginxAccessLog())) {
            assertThat(lines.skip(before).map(line -> line.replaceAll(".*upstream=(\\S+).*", "$1")).distinct())
                    .as("nodes that served the launch").contains(
                            cluster.node1().baseUrl().substring("http://".length()),
                            cluster.node2().baseUrl().substring("http://".length()));
        }
    }
}
