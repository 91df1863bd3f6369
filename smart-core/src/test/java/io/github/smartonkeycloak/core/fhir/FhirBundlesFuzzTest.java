package io.github.smartonkeycloak.core.fhir;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzz test of what the pickers read from a FHIR server's answer (docs/security.md, "Fuzzing"); without
 * {@code JAZZER_FUZZ} it replays the JSON files under {@code src/test/resources/.../FhirBundlesFuzzTestInputs/bundle/}.
 */
@Timeout(10)
class FhirBundlesFuzzTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Any answer, parsed as {@code SimpleHttpResponse.asJson()} parses it, is either not JSON (the client turns that
     * into a {@link FhirUnavailableException}), not a Bundle ({@link FhirUnavailableException}), or gives at most one
     * summary per entry, each with an id; reading it as a single Patient never throws.
     */
    @DictionaryEntries({"\"resourceType\":", "\"Bundle\"", "\"entry\":", "\"resource\":", "\"Patient\"",
            "\"Encounter\"", "\"id\":", "\"name\":", "\"given\":", "\"family\":", "\"text\":", "\"birthDate\":",
            "\"gender\":", "\"type\":", "\"coding\":", "\"display\":", "\"class\":", "\"code\":", "\"period\":",
            "\"start\":", "\"status\":", "\"link\":", "null", "true", "[]", "{}"})
    @FuzzTest
    void bundle(byte[] input) {
        JsonNode answer;
        try {
            answer = JSON.readTree(new String(input, UTF_8));
        } catch (IOException e) {
            return;
        }
        assertNotNull(FhirBundles.patient(answer).id());
        assertNotNull(FhirBundles.patient(answer).name());
        List<PatientSummary> patients;
        List<EncounterSummary> encounters;
        try {
            patients = FhirBundles.entries(answer, "Patient", FhirBundles::patient);
            encounters = FhirBundles.entries(answer, "Encounter", FhirBundles::encounter);
        } catch (FhirUnavailableException e) {
            return;
        }
        int entries = answer.path("entry").size();
        assertTrue(patients.size() + encounters.size() <= entries, "more summaries than entries");
        patients.forEach(patient -> assertTrue(patient.id() != null && patient.name() != null, patient::toString));
        encounters.forEach(encounter -> assertNotNull(encounter.id(), encounter::toString));
    }
}
