package io.github.smartonkeycloak.core.launch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LaunchRequestParserTest {

    @Test
    void readsEveryField() {
        LaunchRequest request = LaunchRequestParser.parse("""
                {"client_id":"app","patient":"Patient/p-1","encounter":"e.2",
                 "fhirContext":[{"reference":"Observation/o1","role":"https://x.org/r"},"DiagnosticReport/d1",
                                {"canonical":"http://hl7.org/fhir/Questionnaire/q|1.0","type":"Questionnaire"},
                                {"identifier":{"system":"urn:s","value":"v"}}],
                 "need_patient_banner":false,"smart_style_url":"https://ehr.example/s.json",
                 "intent":"reconcile","tenant":"t1"}""");

        assertThat(request.clientId()).isEqualTo("app");
        LaunchContext context = request.context();
        assertThat(context.patient()).isEqualTo("p-1");
        assertThat(context.encounter()).isEqualTo("e.2");
        assertThat(context.fhirContext()).containsExactly(
                new FhirContextItem("Observation/o1", null, null, null, "https://x.org/r"),
                FhirContextItem.ofReference("DiagnosticReport/d1"),
                new FhirContextItem(null, "http://hl7.org/fhir/Questionnaire/q|1.0", null, "Questionnaire", null),
                new FhirContextItem(null, null, Map.of("system", "urn:s", "value", "v"), null, null));
        assertThat(context.needPatientBanner()).isFalse();
        assertThat(context.smartStyleUrl()).isEqualTo("https://ehr.example/s.json");
        assertThat(context.intent()).isEqualTo("reconcile");
        assertThat(context.tenant()).isEqualTo("t1");
    }

    @Test
    void onlyTheClientIsRequired() {
        LaunchRequest request = LaunchRequestParser.parse("{\"client_id\":\"app\"}");

        assertThat(request.context()).isEqualTo(LaunchContext.EMPTY);
        assertThat(request.context().asJsonFields()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "|the body must be a JSON object",
            "{|the body is not valid JSON",
            "\"app\"|the body must be a JSON object",
            "{\"client_id\":7}|client_id must be a string",
            "{\"client_id\":\"app\",\"patient\":\"Encounter/1\"}|patient must be a Patient id",
            "{\"client_id\":\"app\",\"patient\":\"" + "x" + "\",\"x\":1}|unknown field 'x'",
            "{\"client_id\":\"app\",\"fhirContext\":[{\"reference\":\"http://abs/Observation/1\"}]}|fhirContext[0].reference must be a relative reference",
            "{\"client_id\":\"app\",\"fhirContext\":[{\"reference\":\"Observation/1\",\"extra\":1}]}|fhirContext[0] has unknown field 'extra'",
            "{\"client_id\":\"app\",\"fhirContext\":[{\"identifier\":{\"system\":\"urn:x\"}}]}|fhirContext[0].identifier needs a value",
            "{\"client_id\":\"app\",\"fhirContext\":[{\"reference\":\"Observation/1\",\"type\":\"Nope\"}]}|fhirContext[0].type 'Nope' is not a FHIR R4 resource type",
            "{\"client_id\":\"app\",\"fhirContext\":[7]}|fhirContext[0] must be an object or a Type/id string",
            "{\"client_id\":\"app\",\"smart_style_url\":\"/relative\"}|smart_style_url must be an absolute http(s) URL",
            "{\"client_id\":\"app\",\"tenant\":\"a\\u0000b\"}|tenant contains control characters",
    })
    void refusesBadInputSayingWhichField(String body, String message) {
        assertThatThrownBy(() -> LaunchRequestParser.parse(body))
                .isInstanceOf(InvalidLaunchRequestException.class)
                .hasMessageStartingWith(message);
    }

    @Test
    void refusesTooManyFhirContextEntriesAndOversizedValues() {
        String many = "{\"client_id\":\"app\",\"fhirContext\":[" + String.join(",", java.util.Collections.nCopies(21, "\"Observation/1\"")) + "]}";
        assertThatThrownBy(() -> LaunchRequestParser.parse(many)).hasMessageContaining("more than 20 entries");
        String longIntent = "{\"client_id\":\"app\",\"intent\":\"" + "i".repeat(257) + "\"}";
        assertThatThrownBy(() -> LaunchRequestParser.parse(longIntent)).hasMessageContaining("longer than 256");
        String huge = "{\"client_id\":\"app\",\"tenant\":\"" + "t".repeat(LaunchRequestParser.MAX_BODY_LENGTH) + "\"}";
        assertThatThrownBy(() -> LaunchRequestParser.parse(huge)).hasMessageContaining("larger than");
    }

    /** Found by LaunchRequestFuzzTest: a null member of an identifier was a NullPointerException (HTTP 500). */
    @Test
    void aNullIdentifierSystemIsLeftOutLikeAnyNullField() {
        LaunchRequest request = LaunchRequestParser.parse("""
                {"client_id":"app","fhirContext":[{"identifier":{"system":null,"value":"v"}}]}""");

        assertThat(request.context().fhirContext())
                .containsExactly(new FhirContextItem(null, null, Map.of("value", "v"), null, null));
        assertThatThrownBy(() -> LaunchRequestParser.parse("""
                {"client_id":"app","fhirContext":[{"identifier":{"system":"urn:s","value":null}}]}"""))
                .isInstanceOf(InvalidLaunchRequestException.class).hasMessageContaining("identifier needs a value");
    }

    @Test
    void theContextSurvivesItsJsonForm() {
        LaunchContext context = new LaunchContext("p", "e", List.of(FhirContextItem.ofReference("Observation/1"),
                new FhirContextItem(null, null, Map.of("value", "v"), "Patient", null)), true, "https://s", "i", "t");

        assertThat(LaunchContextJson.read(LaunchContextJson.write(context))).isEqualTo(context);
    }
}
