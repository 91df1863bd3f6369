package io.github.smartonkeycloak.demofhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

class CommandLineOptionsTest {

    @Test
    void noOptionsGiveTheDefaults() throws UsageException {
        DemoFhirServerConfig config = CommandLineOptions.parse().config();

        assertThat(config.host()).isEqualTo("127.0.0.1");
        assertThat(config.port()).isEqualTo(8081);
        assertThat(config.keycloakRealmUrl()).isEqualTo("http://localhost:8080/realms/smart");
        assertThat(config.clientSecret()).isEqualTo("demo-fhir-server-secret");
        assertThat(config.patientCount()).isEqualTo(300);
    }

    @Test
    void theSecretCanComeFromTheEnvironmentAndAnOptionWins() throws UsageException {
        Map<String, String> environment = Map.of("DEMO_FHIR_CLIENT_SECRET", "from-the-environment");

        assertThat(CommandLineOptions.parse(environment).config().clientSecret()).isEqualTo("from-the-environment");
        assertThat(CommandLineOptions.parse(environment, "--client-secret", "from-the-option").config().clientSecret())
                .isEqualTo("from-the-option");
        assertThat(CommandLineOptions.parse(Map.of("DEMO_FHIR_CLIENT_SECRET", "")).config().clientSecret())
                .as("empty: unset").isEqualTo("demo-fhir-server-secret");
    }

    @Test
    void everyOptionIsRead() throws UsageException {
        CommandLineOptions options = CommandLineOptions.parse("--host", "0.0.0.0", "--port", "18081",
                "--keycloak-realm-url", "http://localhost:18089/realms/smart",
                "--client-id", "fhir", "--client-secret", "s", "--patients", "50", "--seed", "7", "--store", "off");

        assertThat(options.helpRequested()).isFalse();
        DemoFhirServerConfig config = options.config();
        assertThat(config.host()).isEqualTo("0.0.0.0");
        assertThat(config.port()).isEqualTo(18081);
        assertThat(config.keycloakRealmUrl()).isEqualTo("http://localhost:18089/realms/smart");
        assertThat(config.clientId()).isEqualTo("fhir");
        assertThat(config.clientSecret()).isEqualTo("s");
        assertThat(config.patientCount()).isEqualTo(50);
        assertThat(config.seed()).isEqualTo(7L);
        assertThat(config.store()).isFalse();
        assertThat(CommandLineOptions.parse().config().store()).as("default").isTrue();
    }

    @Test
    void aMillionPatientsOnlyWithoutClinicalData() throws UsageException {
        DemoFhirServerConfig config = CommandLineOptions.parse("--patients", "1000000", "--clinical-data", "off").config();

        assertThat(config.patientCount()).isEqualTo(1_000_000);
        assertThat(config.clinicalData()).isFalse();
        assertThat(CommandLineOptions.parse().config().clinicalData()).as("default").isTrue();
        assertThatThrownBy(() -> CommandLineOptions.parse("--patients", "1000000"))
                .isInstanceOf(UsageException.class).hasMessageContaining("clinical data");
        assertThatThrownBy(() -> CommandLineOptions.parse("--patients", "1000001", "--clinical-data", "off"))
                .isInstanceOf(UsageException.class).hasMessageContaining("--patients");
        assertThat(CommandLineOptions.USAGE).contains("--clinical-data <on|off>");
    }

    @Test
    void helpWins() throws UsageException {
        assertThat(CommandLineOptions.parse("--port", "1", "--help").helpRequested()).isTrue();
        assertThat(CommandLineOptions.USAGE).contains("--host", "DEMO_FHIR_CLIENT_SECRET", "--port", "--keycloak-realm-url", "--client-id",
                "--client-secret", "--patients", "--seed", "--store", "--help");
    }

    @Test
    void badCommandLinesAreUsageErrors() {
        assertThatThrownBy(() -> CommandLineOptions.parse("--colour", "red"))
                .isInstanceOf(UsageException.class).hasMessageContaining("--colour");
        assertThatThrownBy(() -> CommandLineOptions.parse("--port"))
                .isInstanceOf(UsageException.class).hasMessageContaining("needs a value");
        assertThatThrownBy(() -> CommandLineOptions.parse("--port", "eighty"))
                .isInstanceOf(UsageException.class).hasMessageContaining("--port");
        assertThatThrownBy(() -> CommandLineOptions.parse("--patients", "1"))
                .isInstanceOf(UsageException.class).hasMessageContaining("--patients");
        assertThatThrownBy(() -> CommandLineOptions.parse("--store", "yes"))
                .isInstanceOf(UsageException.class).hasMessageContaining("on or off");
        assertThatThrownBy(() -> CommandLineOptions.parse("stray"))
                .isInstanceOf(UsageException.class).hasMessageContaining("stray");
    }
}
