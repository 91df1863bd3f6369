package io.github.smartonkeycloak.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.smartonkeycloak.cluster.support.ClusterRealm;
import io.github.smartonkeycloak.cluster.support.Http;
import io.github.smartonkeycloak.cluster.support.Jwt;
import org.junit.jupiter.api.Test;

/** Both nodes stop and start again: offline tokens live in the database, and so does their SMART context. */
class WholeClusterRestartIT extends ClusterTestBase {

    @Test
    void offlineTokensStillRefreshWithTheirContextAfterBothNodesRestart() {
        String launch = smart.registerLaunch(node1(), EHR_CONTEXT);
        JsonNode tokens = tokens(node1(), authorize(node1(), ClusterRealm.APP, EHR_SCOPE + " offline_access",
                PRACTITIONER_USER, Map.of("launch", launch)));
        assertThat(Jwt.payload(tokens.path("refresh_token").asText()).path("typ").asText()).isEqualTo("Offline");

        cluster.restartBothNodes();

        Http.Response refreshed = smart.refresh(node2(), ClusterRealm.APP, tokens.path("refresh_token").asText());
        assertThat(refreshed.status()).as(refreshed.toString()).isEqualTo(200);
        assertThat(refreshed.json().path("patient").asText()).isEqualTo("amy-shaw");
        assertThat(refreshed.json().path("encounter").asText()).isEqualTo("amy-shaw-e1");
        Http.Response again = smart.refresh(node1(), ClusterRealm.APP, refreshed.json().path("refresh_token").asText());
        assertThat(again.status()).as(again.toString()).isEqualTo(200);
        assertThat(again.json().path("patient").asText()).isEqualTo("amy-shaw");
    }
}
