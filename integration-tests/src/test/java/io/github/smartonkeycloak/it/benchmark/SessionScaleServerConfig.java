package io.github.smartonkeycloak.it.benchmark;

import io.github.smartonkeycloak.it.support.SmartServerConfig;
import org.keycloak.testframework.server.KeycloakServerConfig;
import org.keycloak.testframework.server.KeycloakServerConfigBuilder;

/**
 * The pack as shipped, with Keycloak's four in-memory session caches (user and client sessions, online and offline)
 * sized by {@code -Dbench.sessions.cacheMaxCount} (Keycloak's options {@code cache-embedded-<cache>-max-count}; their
 * default is 10,000). A node that must keep
 * 100,000 active sessions in memory is sized so; past the bound, Keycloak reads sessions from its database.
 */
public final class SessionScaleServerConfig implements KeycloakServerConfig {

    static int cacheMaxCount() {
        return Integer.getInteger("bench.sessions.cacheMaxCount", 110_000);
    }

    @Override
    public KeycloakServerConfigBuilder configure(KeycloakServerConfigBuilder config) {
        KeycloakServerConfigBuilder pack = SmartServerConfig.withPack(config);
        for (String cache : new String[] {"sessions", "client-sessions", "offline-sessions", "offline-client-sessions"}) {
            pack.option("cache-embedded-" + cache + "-max-count", String.valueOf(cacheMaxCount()));
        }
        return pack;
    }
}
