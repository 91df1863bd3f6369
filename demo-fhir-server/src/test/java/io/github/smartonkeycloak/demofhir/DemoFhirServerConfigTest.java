package io.github.smartonkeycloak.demofhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DemoFhirServerConfigTest {

    @Test
    void defaults() {
        DemoFhirServerConfig config = DemoFhirServerConfig.builder().build();

        assertThat(config.host()).as("loopback only").isEqualTo("127.0.0.1");
        assertThat(config.port()).isEqualTo(8081);
        assertThat(config.keycloakRealmUrl()).isEqualTo("http://localhost:8080/realms/smart");
        assertThat(config.clientId()).isEqualTo("demo-fhir-server");
        assertThat(config.clientSecret()).isEqualTo("demo-fhir-server-secret");
        assertThat(config.patientCount()).isEqualTo(300);
        assertThat(config.seed()).isEqualTo(42L);
    }

    @Test
    void everySettingCanBeChanged() {
        DemoFhirServerConfig config = DemoFhirServerConfig.builder()
                .host("0.0.0.0")
                .port(0)
                .keycloakRealmUrl("https://kc.example/realms/other/")
                .clientId("fhir")
                .clientSecret("s3cret")
                .patientCount(12)
                .seed(-5)
                .build();

        assertThat(config.host()).isEqualTo("0.0.0.0");
        assertThat(config.port()).isZero();
        assertThat(config.keycloakRealmUrl()).as("trailing slash dropped").isEqualTo("https://kc.example/realms/other");
        assertThat(config.clientId()).isEqualTo("fhir");
        assertThat(config.clientSecret()).isEqualTo("s3cret");
        assertThat(config.patientCount()).isEqualTo(12);
        assertThat(config.seed()).isEqualTo(-5L);
    }

    @Test
    void rejectsValuesTheServerCannotUse() {
        DemoFhirServerConfig.Builder builder = DemoFhirServerConfig.builder();

        assertThatThrownBy(() -> builder.port(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> builder.port(65_536)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> builder.patientCount(1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> builder.keycloakRealmUrl("localhost:8080/realms/smart"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> builder.keycloakRealmUrl("ftp://kc.example/realms/smart"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> builder.clientId(" ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> builder.host("")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void toStringLeavesTheSecretOut() {
        DemoFhirServerConfig config = DemoFhirServerConfig.builder().clientSecret("very-secret-value").build();

        assertThat(config.toString()).contains("demo-fhir-server").doesNotContain("very-secret-value");
    }
}
