package io.github.smartonkeycloak.it.benchmark;

import io.github.smartonkeycloak.it.support.SmartServerConfig;
import org.keycloak.testframework.server.KeycloakServerConfig;
import org.keycloak.testframework.server.KeycloakServerConfigBuilder;

/**
 * The pack as shipped, for benchmarks: unlike the tests' server, the consent poll keeps its shipped 30 s, so its
 * background FHIR reads do not weigh on the SMART side of a comparison more than they would in production.
 */
public final class BenchmarkServerConfig implements KeycloakServerConfig {

    @Override
    public KeycloakServerConfigBuilder configure(KeycloakServerConfigBuilder config) {
        return SmartServerConfig.withPack(config);
    }
}
