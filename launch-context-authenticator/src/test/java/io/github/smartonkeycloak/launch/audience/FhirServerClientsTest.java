package io.github.smartonkeycloak.launch.audience;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FhirServerClientsTest {

    @Test
    void readsPairsWithTheUrlAsTheRealmComparesIt() {
        assertThat(FhirServerClients.parse(" https://a.example/fhir/=fhir-a\nhttp://localhost:8081/fhir=demo-fhir-server "))
                .containsExactly(java.util.Map.entry("https://a.example/fhir", "fhir-a"),
                        java.util.Map.entry("http://localhost:8081/fhir", "demo-fhir-server"));
    }

    @Test
    void skipsWhatIsNotAPair() {
        assertThat(FhirServerClients.parse("no-equals =client url= ")).isEmpty();
        assertThat(FhirServerClients.parse(null)).isEmpty();
    }
}
