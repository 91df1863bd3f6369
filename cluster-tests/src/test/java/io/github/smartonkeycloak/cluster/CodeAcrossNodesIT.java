package io.github.smartonkeycloak.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.smartonkeycloak.cluster.support.ClusterRealm;
import io.github.smartonkeycloak.cluster.support.Http;
import io.github.smartonkeycloak.cluster.support.Jwt;
import org.junit.jupiter.api.Test;

/** An authorization code is cluster state: issued on one node, it is redeemed on the other, once. */
class CodeAcrossNodesIT extends ClusterTestBase {

    @Test
    void aCodeIssuedOnNodeOneIsExchangedOnNodeTwoWithTheSmartContext() {
        Authorization authorization = authorize(node1(), ClusterRealm.APP, STANDALONE_SCOPE, PATIENT_USER, Map.of());

        JsonNode tokens = tokens(node2(), authorization);

        assertThat(tokens.path("patient").asText()).isEqualTo("amy-shaw");
        JsonNode access = Jwt.payload(tokens.path("access_token").asText());
        assertThat(access.path("iss").asText()).isEqualTo(cluster.realmUrl());
        assertThat(access.path("aud").toString()).contains(cluster.fhirBaseUrl());
    }

    @Test
    void theCodeCannotBeExchangedAgainOnTheOtherNode() {
        Authorization authorization = authorize(node2(), ClusterRealm.APP, STANDALONE_SCOPE, PATIENT_USER, Map.of());
        tokens(node1(), authorization);

        Http.Response again = smart.exchange(node2(), authorization.clientId(), authorization.redirect().get("code"),
                authorization.pkce());

        assertThat(again.status()).as(again.toString()).isEqualTo(400);
        assertThat(again.json().path("error").asText()).isEqualTo("invalid_grant");
    }
}
