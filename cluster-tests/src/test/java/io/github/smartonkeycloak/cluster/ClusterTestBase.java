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
import io.github.smartonkeycloak.cluster.support.Target;
import org.junit.jupiter.api.BeforeAll;

/** What the cluster tests share: the running cluster, the demo users, and a SMART app's steps on chosen nodes. */
abstract class ClusterTestBase {

    static final String PATIENT_USER = "amy";
    static final String PRACTITIONER_USER = "drjones";
    /** A standalone patient launch: the patient picker runs on the demo FHIR server's data. */
    static final String STANDALONE_SCOPE = "launch/patient openid fhirUser patient/*.rs";
    static final String EHR_SCOPE = "launch openid fhirUser patient/*.rs";
    static final Map<String, Object> EHR_CONTEXT = Map.of("client_id", ClusterRealm.APP, "patient", "amy-shaw",
            "encounter", "Encounter/amy-shaw-e1");

    static Cluster cluster;
    static SmartClient smart;

    @BeforeAll
    static void startCluster() {
        cluster = Cluster.get();
        smart = new SmartClient(cluster.realmUrl());
    }

    static Target node1() {
        return cluster.direct(cluster.node1());
    }

    static Target node2() {
        return cluster.direct(cluster.node2());
    }

    /** An app's authorization on {@code target} up to the code: the redirect parameters and the PKCE pair. */
    static Authorization authorize(Target target, String clientId, String scope, String user, Map<String, String> extra) {
        Pkce pkce = Pkce.s256();
        Map<String, String> request = SmartClient.authorizationRequest(clientId, scope, pkce, cluster.fhirBaseUrl());
        request.putAll(extra);
        Map<String, String> redirect = new Login(target, cluster.realmUrl()).authorize(request, user, user);
        return new Authorization(redirect, pkce, clientId);
    }

    /** Exchanges the code on {@code target}; fails unless tokens come back. */
    static JsonNode tokens(Target target, Authorization authorization) {
        assertThat(authorization.redirect()).as("redirect").containsKey("code");
        Http.Response response = smart.exchange(target, authorization.clientId(), authorization.redirect().get("code"),
                authorization.pkce());
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }

    record Authorization(Map<String, String> redirect, Pkce pkce, String clientId) {
    }
}
