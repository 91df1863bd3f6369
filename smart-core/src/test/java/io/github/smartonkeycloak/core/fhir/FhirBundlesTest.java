package io.github.smartonkeycloak.core.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class FhirBundlesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aReadMustAnswerWithThePatientAskedFor() throws IOException {
        assertThat(FhirBundles.patient(json("{\"resourceType\":\"Patient\",\"id\":\"amy\",\"name\":[{\"text\":\"Amy\"}]}"), "amy"))
                .isEqualTo(new PatientSummary("amy", "Amy", null, null));

        for (String wrong : new String[] {"{\"resourceType\":\"Practitioner\",\"id\":\"amy\"}",
                "{\"resourceType\":\"Patient\",\"id\":\"ben\"}", "{\"resourceType\":\"Patient\"}", "[]"}) {
            assertThatThrownBy(() -> FhirBundles.patient(json(wrong), "amy")).isInstanceOf(FhirUnavailableException.class);
        }
        assertThatThrownBy(() -> FhirBundles.patient(null, "amy")).isInstanceOf(FhirUnavailableException.class);
    }

    private static JsonNode json(String text) throws IOException {
        return JSON.readTree(text);
    }
}
