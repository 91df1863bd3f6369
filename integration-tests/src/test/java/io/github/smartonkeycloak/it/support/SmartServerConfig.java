package io.github.smartonkeycloak.it.support;

import java.nio.file.Path;

import org.keycloak.testframework.server.KeycloakServerConfig;
import org.keycloak.testframework.server.KeycloakServerConfigBuilder.LogHandlers;
import org.keycloak.testframework.server.KeycloakServerConfigBuilder;

/**
 * The one server configuration of the suite: every provider jar of the pack, the demo EHR launcher's too, plus the
 * server options it ships.
 * Every test class uses this class, so the framework starts Keycloak once for the whole module.
 */
public final class SmartServerConfig implements KeycloakServerConfig {

    public static final String GROUP_ID = "io.github.smartonkeycloak";
    /** The server's log as a file too, for tests that read what the server logged (the audit trail, no PHI). */
    public static final Path SERVER_LOG = Path.of(System.getProperty("basedir", "."), "target", "keycloak-server.log")
            .toAbsolutePath().normalize();

    @Override
    public KeycloakServerConfigBuilder configure(KeycloakServerConfigBuilder config) {
        return withPack(config)
                // Withdrawals on the FHIR server reach Keycloak every 2 s here, not the default 30 s.
                .option("spi-smart-consent-store--fhir--poll-seconds", "2");
    }

    /**
     * The pack's jars and the options it ships, with the server log as a file: what every server configuration of
     * the suite starts from (benchmarks keep the shipped consent poll, tests shorten it).
     */
    public static KeycloakServerConfigBuilder withPack(KeycloakServerConfigBuilder config) {
        config.log().handlers(LogHandlers.CONSOLE, LogHandlers.FILE);
        return config
                .option("log-file", SERVER_LOG.toString())
                .dependency(GROUP_ID, "smart-core")
                .dependency(GROUP_ID, "smart-scopes-provider")
                .dependency(GROUP_ID, "launch-context-authenticator")
                .dependency(GROUP_ID, "patient-picker-theme")
                .dependency(GROUP_ID, "demo-ehr-launcher")
                .options(ShippedServerOptions.load());
    }
}
