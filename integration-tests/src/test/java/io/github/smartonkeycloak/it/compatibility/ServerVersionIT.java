package io.github.smartonkeycloak.it.compatibility;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.smartonkeycloak.it.support.SmartServerConfig;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.testframework.annotations.InjectAdminClient;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;

/**
 * The suite runs on the Keycloak server named by the Maven property {@code keycloak.server.version}
 * (docs/compatibility.md). The test framework keeps one unpacked server in the temp folder; this proves the server
 * that answers is the version asked for, so a compatibility run can never pass on a stale install.
 */
@KeycloakIntegrationTest(config = SmartServerConfig.class)
class ServerVersionIT {

    @InjectAdminClient
    Keycloak admin;

    @Test
    void theServerRunsTheRequestedKeycloakVersion() {
        String requested = System.getProperty("keycloak.server.version");
        assertThat(requested).as("system property keycloak.server.version, set by integration-tests/pom.xml").isNotBlank();

        assertThat(admin.serverInfo().getInfo().getSystemInfo().getVersion()).isEqualTo(requested);
    }
}
