package io.github.smartonkeycloak.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.smartonkeycloak.cluster.support.ClusterRealm;
import io.github.smartonkeycloak.cluster.support.Login;
import io.github.smartonkeycloak.cluster.support.Pkce;
import io.github.smartonkeycloak.cluster.support.SmartClient;
import org.junit.jupiter.api.Test;

/**
 * Which store this run's cluster really uses: with the stateless feature, authentication sessions and single-use
 * objects (EHR launches among them) are rows in the database; with embedded Infinispan, they never are.
 */
class StorageModeIT extends ClusterTestBase {

    @Test
    void authenticationSessionsAndLaunchesAreInTheDatabaseExactlyInStatelessMode() {
        new Login(node1(), cluster.realmUrl()).open(SmartClient.authorizationRequest(ClusterRealm.APP,
                STANDALONE_SCOPE, Pkce.s256(), cluster.fhirBaseUrl()));
        smart.registerLaunch(node2(), EHR_CONTEXT);

        if (cluster.stateless()) {
            assertThat(cluster.rows("root_auth_session")).isPositive();
            assertThat(cluster.rows("single_use_object")).isPositive();
        } else {
            assertThat(cluster.rows("root_auth_session")).isZero();
            assertThat(cluster.rows("single_use_object")).isZero();
        }
    }
}
