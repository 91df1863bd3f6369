package io.github.smartonkeycloak.it.support;

import io.github.smartonkeycloak.demofhir.DemoFhirServer;
import io.github.smartonkeycloak.demofhir.DemoFhirServerConfig;

/**
 * The demo FHIR server at the realm's FHIR base URL ({@code http://localhost:8081/fhir}), shared by every test of the
 * run. Logins need it whenever a patient picker runs (standalone launches with patient scopes), so
 * {@link BrowserlessLogin} starts it on first use; it stops with the test JVM.
 */
public final class TestFhirServer {

    private static DemoFhirServer server;

    private TestFhirServer() {
    }

    public static synchronized DemoFhirServer ensureRunning() {
        if (server == null) {
            server = DemoFhirServer.start(DemoFhirServerConfig.builder()
                    .port(DemoFhirServerConfig.DEFAULT_PORT)
                    .keycloakRealmUrl("http://localhost:8080/realms/" + SmartRealm.NAME)
                    .build());
            DemoFhirServer started = server;
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "test-fhir-server-stop"));
        }
        return server;
    }

    public static String baseUrl() {
        return ensureRunning().baseUrl();
    }
}
