package io.github.smartonkeycloak.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import io.github.smartonkeycloak.cluster.support.ClusterRealm;
import io.github.smartonkeycloak.cluster.support.Login;
import io.github.smartonkeycloak.cluster.support.Pkce;
import io.github.smartonkeycloak.cluster.support.SmartClient;
import org.junit.jupiter.api.Test;

/** A consent decided on one node is remembered on the other (the shipped consent store, smart.consentStore=fhir). */
class ConsentAcrossNodesIT extends ClusterTestBase {

    @Test
    void consentGivenOnNodeOneIsNotAskedAgainOnNodeTwo() {
        Login first = new Login(node1(), cluster.realmUrl());
        Map<String, String> approved = first.authorize(request(), PATIENT_USER, PATIENT_USER);
        assertThat(approved).containsKey("code");
        assertThat(first.pagesSeen()).contains("consent");

        // A new browser (a new Keycloak session) on the other node.
        Login second = new Login(node2(), cluster.realmUrl());
        Map<String, String> again = second.authorize(request(), PATIENT_USER, PATIENT_USER);

        assertThat(again).containsKey("code");
        assertThat(second.pagesSeen()).doesNotContain("consent");
    }

    private static Map<String, String> request() {
        return SmartClient.authorizationRequest(ClusterRealm.CONSENT_APP, STANDALONE_SCOPE, Pkce.s256(),
                cluster.fhirBaseUrl());
    }
}
