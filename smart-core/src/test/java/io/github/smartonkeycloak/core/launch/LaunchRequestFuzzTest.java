package io.github.smartonkeycloak.core.launch;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.smartonkeycloak.core.scope.ResourceTypes;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzz test of the launch API's body (docs/security.md, "Fuzzing"); without {@code JAZZER_FUZZ} it replays the JSON
 * files under {@code src/test/resources/.../LaunchRequestFuzzTestInputs/launchRequest/}.
 */
@Timeout(10)
class LaunchRequestFuzzTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern FHIR_ID = Pattern.compile("[A-Za-z0-9\\-.]{1,64}");

    /**
     * Any body is either refused with an {@link InvalidLaunchRequestException} (a 400 with its message) or gives a
     * request within the documented bounds, whose context survives its stored JSON form and, written back as a
     * body, parses to the same context.
     */
    @DictionaryEntries({"\"client_id\":", "\"patient\":", "\"encounter\":", "\"fhirContext\":",
            "\"need_patient_banner\":", "\"smart_style_url\":", "\"intent\":", "\"tenant\":", "\"user\":",
            "\"reference\":", "\"canonical\":", "\"identifier\":", "\"type\":", "\"role\":", "\"system\":",
            "\"value\":", "null", "true", "false", "\"Patient/p1\"", "\"Observation/o1\"", "\"https://x.org/a|1\"",
            "\"Questionnaire\"", "\"\\u0000\""})
    @FuzzTest
    void launchRequest(byte[] input) throws Exception {
        String body = new String(input, UTF_8);
        LaunchRequest request;
        try {
            request = LaunchRequestParser.parse(body);
        } catch (InvalidLaunchRequestException e) {
            assertTrue(e.getMessage() != null && !e.getMessage().isBlank(), body);
            return;
        }
        assertTrue(request.clientId() != null && !request.clientId().isBlank()
                && request.clientId().length() <= LaunchRequestParser.MAX_TEXT_LENGTH, body);
        LaunchContext context = request.context();
        assertTrue(context.patient() == null || FHIR_ID.matcher(context.patient()).matches(), body);
        assertTrue(context.encounter() == null || FHIR_ID.matcher(context.encounter()).matches(), body);
        assertTrue(context.fhirContext().size() <= LaunchRequestParser.MAX_FHIR_CONTEXT_ITEMS, body);
        for (FhirContextItem item : context.fhirContext()) {
            assertTrue(item.reference() != null || item.canonical() != null || item.identifier() != null, body);
            assertTrue(item.type() == null || ResourceTypes.R4.contains(item.type()), body);
        }

        assertEquals(context, LaunchContextJson.read(LaunchContextJson.write(context)), body);

        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("client_id", request.clientId());
        fields.putAll(context.asJsonFields());
        String rewritten = JSON.writeValueAsString(fields);
        if (rewritten.length() <= LaunchRequestParser.MAX_BODY_LENGTH) {
            assertEquals(context, LaunchRequestParser.parse(rewritten).context(), rewritten);
        }
    }
}
