package io.github.smartonkeycloak.core.picker;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzz tests of the picker's inputs (docs/security.md, "Fuzzing"); without {@code JAZZER_FUZZ} they replay the text
 * files under {@code src/test/resources/.../PickerInputFuzzTestInputs/<method>/}.
 */
@Timeout(10)
class PickerInputFuzzTest {

    private static final Set<String> SEARCH_PARAMETERS = Set.of("name", "birthdate", "identifier");

    /** The search box: never throws; at most 5 non-blank terms of at most 64 characters, each a known parameter. */
    @FuzzTest
    void patientSearch(byte[] input) {
        String text = new String(input, UTF_8);
        List<Map.Entry<String, String>> parameters = PatientSearchQuery.parse(text).parameters();
        assertTrue(parameters.size() <= PatientSearchQuery.MAX_TERMS, text);
        for (Map.Entry<String, String> parameter : parameters) {
            assertTrue(SEARCH_PARAMETERS.contains(parameter.getKey()), text);
            String value = parameter.getValue();
            assertTrue(!value.isEmpty() && value.length() <= PatientSearchQuery.MAX_TERM_LENGTH, text);
            assertTrue(value.chars().noneMatch(c -> " \t\n\u000B\f\r".indexOf(c) >= 0), text);
        }
    }

    /**
     * The admin's search filter (line 1) for a user's {@code fhirUser} (line 2, absent for none): refused with an
     * {@link IllegalArgumentException}, or non-empty names and values, at least one pair unless the filter is blank;
     * a filter matches nothing exactly when it needs a {@code fhirUser} the user does not have.
     */
    @FuzzTest
    void searchFilter(byte[] input) {
        String[] lines = new String(input, UTF_8).split("\n", 2);
        String fhirUser = lines.length > 1 ? lines[1] : null;
        SearchFilter filter;
        try {
            filter = SearchFilter.parse(lines[0], fhirUser);
        } catch (IllegalArgumentException e) {
            return;
        }
        boolean needsUser = false;
        for (Map.Entry<String, String> parameter : filter.parameters()) {
            assertFalse(parameter.getKey().isEmpty() || parameter.getValue().isEmpty(), lines[0]);
            needsUser |= parameter.getValue().contains(SearchFilter.FHIR_USER_PLACEHOLDER);
        }
        // {fhirUser} is filled in only from a FHIR reference (Type/id, relative or absolute); anything else matches
        // nobody when the filter needs it.
        boolean hasReference = FhirReference.parse(fhirUser).isPresent();
        assertEquals(needsUser && !hasReference, filter.matchesNothing(), lines[0]);
        assertEquals(lines[0].isBlank(), filter.parameters().isEmpty(), () -> "an empty filter from " + lines[0]);
    }

    /** The linked records (line 1: {@code fhirUser}, further lines: attribute values): valid ids, each once. */
    @FuzzTest
    void linkedPatients(byte[] input) {
        String[] lines = new String(input, UTF_8).split("\n", -1);
        List<String> ids = LinkedPatients.of(lines[0], Arrays.asList(lines).subList(1, lines.length));
        assertEquals(Set.copyOf(ids).size(), ids.size(), "duplicate ids");
        ids.forEach(id -> assertTrue(FhirIds.isValid(id), id));
    }
}
