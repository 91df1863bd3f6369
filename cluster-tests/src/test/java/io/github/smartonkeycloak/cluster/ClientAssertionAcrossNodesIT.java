package io.github.smartonkeycloak.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import io.github.smartonkeycloak.cluster.support.ClusterRealm;
import io.github.smartonkeycloak.cluster.support.Http;
import org.junit.jupiter.api.Test;

/** A client assertion's {@code jti} is spent cluster-wide: replayed on the other node, it is refused. */
class ClientAssertionAcrossNodesIT extends ClusterTestBase {

    private static final String SCOPE = "system/*.rs";

    @Test
    void anAssertionUsedOnNodeOneIsRefusedOnNodeTwo() {
        String assertion = smart.clientAssertion(ClusterRealm.BACKEND_KEY, ClusterRealm.BACKEND, UUID.randomUUID().toString());
        Http.Response first = smart.backendToken(node1(), assertion, SCOPE);
        assertThat(first.status()).as(first.toString()).isEqualTo(200);

        Http.Response replay = smart.backendToken(node2(), assertion, SCOPE);

        assertThat(replay.status()).as(replay.toString()).isEqualTo(400);
        assertThat(replay.json().path("error").asText()).isEqualTo("invalid_client");
    }

    @Test
    void aFreshAssertionIsAcceptedOnNodeTwo() {
        String assertion = smart.clientAssertion(ClusterRealm.BACKEND_KEY, ClusterRealm.BACKEND, UUID.randomUUID().toString());

        Http.Response response = smart.backendToken(node2(), assertion, SCOPE);

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.json().path("scope").asText()).contains(SCOPE);
    }
}
