package io.github.smartonkeycloak.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.smartonkeycloak.cluster.support.ClusterRealm;
import io.github.smartonkeycloak.cluster.support.Http;
import org.junit.jupiter.api.Test;

/** Revocation on one node is seen at once by a resource server that introspects on the other. */
class RevocationAcrossNodesIT extends ClusterTestBase {

    @Test
    void anAccessTokenRevokedOnNodeTwoIsInactiveOnNodeOne() {
        JsonNode tokens = tokens(node1(), authorize(node1(), ClusterRealm.APP, STANDALONE_SCOPE, PATIENT_USER, Map.of()));
        String access = tokens.path("access_token").asText();
        JsonNode before = smart.introspect(node1(), access);
        assertThat(before.path("active").asBoolean()).isTrue();
        assertThat(before.path("patient").asText()).isEqualTo("amy-shaw");

        Http.Response revoked = smart.revoke(node2(), ClusterRealm.APP, access);
        assertThat(revoked.status()).as(revoked.toString()).isEqualTo(200);

        assertThat(smart.introspect(node1(), access).path("active").asBoolean()).isFalse();
    }

    @Test
    void aRefreshTokenRevokedOnNodeTwoEndsTheSessionOnNodeOne() {
        JsonNode tokens = tokens(node1(), authorize(node1(), ClusterRealm.APP, STANDALONE_SCOPE, PATIENT_USER, Map.of()));

        Http.Response revoked = smart.revoke(node2(), ClusterRealm.APP, tokens.path("refresh_token").asText());
        assertThat(revoked.status()).as(revoked.toString()).isEqualTo(200);

        assertThat(smart.introspect(node1(), tokens.path("access_token").asText()).path("active").asBoolean()).isFalse();
        Http.Response refresh = smart.refresh(node1(), ClusterRealm.APP, tokens.path("refresh_token").asText());
        assertThat(refresh.status()).as(refresh.toString()).isEqualTo(400);
    }
}
