package io.github.smartonkeycloak.cluster.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The demo FHIR server as its own process ({@code java -jar demo-fhir-server/target/demo-fhir-server.jar}, as
 * run-demo.sh starts it) on a free port. It introspects tokens through nginx, so it keeps working while a node is down.
 */
final class DemoFhirProcess {

    private final int port = Ports.free();
    private final Path log;
    private Process process;

    DemoFhirProcess(Path folder) {
        this.log = folder.resolve("fhir-server.log");
    }

    void start(Path projectRoot, String realmUrl) {
        Path jar = projectRoot.resolve("demo-fhir-server/target/demo-fhir-server.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing; build demo-fhir-server first (./mvnw -B package -pl demo-fhir-server -am)");
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        process = Processes.start(List.of(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", jar.toString(),
                "--host", "127.0.0.1", "--port", String.valueOf(port), "--keycloak-realm-url", realmUrl), Map.of(), log);
    }

    void awaitReady() {
        Processes.awaitHttpOk("The demo FHIR server", "http://127.0.0.1:" + port + "/fhir/.well-known/smart-configuration",
                process, log, Duration.ofMinutes(3));
    }

    /** The origin the realm's {@code smart.fhirBaseUrls} and demo clients use, in place of http://localhost:8081. */
    String origin() {
        return "http://localhost:" + port;
    }

    void stop() {
        Processes.stop(process);
    }
}
