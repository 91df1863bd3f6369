package io.github.smartonkeycloak.demofhir;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.github.smartonkeycloak.demofhir.support.FakeKeycloak;
import io.github.smartonkeycloak.demofhir.support.FhirHttp;
import org.junit.jupiter.api.Test;

/** Runs the main class in its own JVM, as {@code java -jar} would, to see exit codes, output and shutdown. */
class DemoFhirServerMainTest {

    private static final String READY = "Demo FHIR server ready at http://localhost:";

    @Test
    void badOptionPrintsUsageOnStderrAndExitsWith2() throws Exception {
        Process process = java("--no-such-option", "1").redirectOutput(ProcessBuilder.Redirect.DISCARD).start();

        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(2);
        assertThat(new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8))
                .contains("--no-such-option").contains("Usage:");
    }

    @Test
    void helpPrintsUsageAndExitsWith0() throws Exception {
        Process process = java("--help").start();

        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isZero();
        assertThat(new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).contains("Usage:");
    }

    @Test
    void startsPrintsTheReadyLineServesAndStopsOnSigterm() throws Exception {
        try (FakeKeycloak keycloak = FakeKeycloak.start()) {
            Process process = java("--port", "0", "--patients", "10", "--keycloak-realm-url", keycloak.realmUrl(),
                    "--client-secret", FakeKeycloak.CLIENT_SECRET)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            try {
                String ready = readyLine(process);
                assertThat(ready).matches("Demo FHIR server ready at http://localhost:\\d+/fhir");
                String baseUrl = ready.substring("Demo FHIR server ready at ".length());

                FhirHttp http = new FhirHttp(baseUrl);
                assertThat(http.get("metadata").statusCode()).isEqualTo(200);
                assertThat(http.getWithToken("Patient?_count=100").statusCode()).isEqualTo(200);

                process.destroy(); // SIGTERM: the shutdown hook stops Jetty
                assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("stopped after SIGTERM").isTrue();
            } finally {
                process.destroyForcibly();
            }
        }
    }

    private static String readyLine(Process process) throws IOException {
        BufferedReader stdout = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        List<String> lines = new ArrayList<>();
        String line;
        while ((line = stdout.readLine()) != null) {
            if (line.startsWith(READY)) {
                return line;
            }
            lines.add(line);
        }
        throw new AssertionError("No ready line; stdout was: " + lines);
    }

    private static ProcessBuilder java(String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(DemoFhirServerMain.class.getName());
        command.addAll(List.of(args));
        return new ProcessBuilder(command);
    }
}
