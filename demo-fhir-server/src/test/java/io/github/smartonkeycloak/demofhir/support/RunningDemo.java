package io.github.smartonkeycloak.demofhir.support;

import java.util.function.UnaryOperator;

import io.github.smartonkeycloak.demofhir.DemoFhirServer;
import io.github.smartonkeycloak.demofhir.DemoFhirServerConfig;

/**
 * A demo server on an ephemeral port in front of a {@link FakeKeycloak}; closing stops both. Unless a test asks for
 * it ({@code config.store(true)}), the server runs without its Consent and AuditEvent store, which would add seconds
 * to each start.
 */
public final class RunningDemo implements AutoCloseable {

    private final FakeKeycloak keycloak;
    private final DemoFhirServer server;
    private final FhirHttp http;

    private RunningDemo(FakeKeycloak keycloak, DemoFhirServer server) {
        this.keycloak = keycloak;
        this.server = server;
        this.http = new FhirHttp(server.baseUrl());
    }

    public static RunningDemo start() {
        return start(UnaryOperator.identity());
    }

    /** @param customizer adjusts the config after port, realm URL and client credentials are set for the test */
    public static RunningDemo start(UnaryOperator<DemoFhirServerConfig.Builder> customizer) {
        FakeKeycloak keycloak = FakeKeycloak.start();
        try {
            DemoFhirServerConfig config = customizer.apply(DemoFhirServerConfig.builder()
                    .port(0)
                    .keycloakRealmUrl(keycloak.realmUrl())
                    .clientId(FakeKeycloak.CLIENT_ID)
                    .clientSecret(FakeKeycloak.CLIENT_SECRET)
                    .store(false)).build();
            return new RunningDemo(keycloak, DemoFhirServer.start(config));
        } catch (RuntimeException e) {
            keycloak.close();
            throw e;
        }
    }

    public FakeKeycloak keycloak() {
        return keycloak;
    }

    public DemoFhirServer server() {
        return server;
    }

    public FhirHttp http() {
        return http;
    }

    @Override
    public void close() {
        server.close();
        keycloak.close();
    }
}
