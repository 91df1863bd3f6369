package io.github.smartonkeycloak.core.picker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class PickerInputTest {

    @Test
    void linkedPatientsAreTheUsersOwnRecordThenTheProxiedOnesWithoutDuplicatesOrInvalidIds() {
        assertThat(LinkedPatients.of("Patient/amy-shaw", List.of("amy-shaw", "ben-shaw, Patient/cy", "bad/id!", "x?y", "")))
                .containsExactly("amy-shaw", "ben-shaw", "cy");
        assertThat(LinkedPatients.of("Practitioner/dr-jones", List.of())).isEmpty();
        assertThat(LinkedPatients.of(null, null)).isEmpty();
    }

    @Test
    void anAbsoluteFhirUserUrlLinksThePatientItNames() {
        assertThat(LinkedPatients.of("https://fhir.example/r4/Patient/123", List.of())).containsExactly("123");
        assertThat(LinkedPatients.of("http://localhost:8081/fhir/Patient/amy-shaw/", List.of("https://fhir.example/Patient/ben")))
                .containsExactly("amy-shaw", "ben");
        assertThat(LinkedPatients.of("https://fhir.example/r4/Practitioner/123", List.of())).isEmpty();
        assertThat(LinkedPatients.of("https://fhir.example/r4/Patient/123?x=1", List.of())).isEmpty();
        assertThat(LinkedPatients.of("https://fhir.example/r4/Patient/123/_history/2", List.of())).isEmpty();
        assertThat(LinkedPatients.of("ftp://fhir.example/Patient/123", List.of())).isEmpty();
    }

    @Test
    void aReferenceIsItsLastTwoPathSegments() {
        assertThat(FhirReference.parse("Patient/123")).contains(new FhirReference("Patient", "123"));
        assertThat(FhirReference.parse(" https://fhir.example/r4/Practitioner/dr-jones ").map(FhirReference::relative))
                .contains("Practitioner/dr-jones");
        assertThat(FhirReference.parse("123")).isEmpty();
        assertThat(FhirReference.parse("patient/123")).isEmpty();
        assertThat(FhirReference.parse("Patient/../x")).isEmpty();
        assertThat(FhirReference.parse("https://fhir.example")).isEmpty();
        assertThat(FhirReference.parse("https://fhir.example/r4/Patient/1#frag")).isEmpty();
        assertThat(FhirReference.parse("https://[bad")).isEmpty();
        assertThat(FhirReference.parse(null)).isEmpty();
    }

    @Test
    void searchTextBecomesNameBirthDateAndIdentifierParameters() {
        assertThat(PatientSearchQuery.parse("Amy Shaw 1987-02-20 MRN|12345").parameters()).containsExactly(
                Map.entry("name", "Amy"), Map.entry("name", "Shaw"), Map.entry("birthdate", "1987-02-20"),
                Map.entry("identifier", "MRN|12345"));
        assertThat(PatientSearchQuery.parse("1987").parameters()).containsExactly(Map.entry("birthdate", "1987"));
        assertThat(PatientSearchQuery.parse("A12345").parameters()).containsExactly(Map.entry("identifier", "A12345"));
        assertThat(PatientSearchQuery.parse("   ").isEmpty()).isTrue();
        assertThat(PatientSearchQuery.parse(null).isEmpty()).isTrue();
    }

    @Test
    void searchTextIsBounded() {
        PatientSearchQuery query = PatientSearchQuery.parse("a b c d e f g " + "x".repeat(500));

        assertThat(query.parameters()).hasSize(PatientSearchQuery.MAX_TERMS);
        assertThat(PatientSearchQuery.parse("y".repeat(500)).parameters().get(0).getValue()).hasSize(PatientSearchQuery.MAX_TERM_LENGTH);
    }

    @Test
    void theSearchFilterPutsInTheUsersFhirUserAndMatchesNobodyWithoutOne() {
        SearchFilter filter = SearchFilter.parse("general-practitioner={fhirUser}&active=true", "Practitioner/dr-jones");

        assertThat(filter.parameters()).containsExactly(Map.entry("general-practitioner", "Practitioner/dr-jones"),
                Map.entry("active", "true"));
        assertThat(filter.matchesNothing()).isFalse();
        assertThat(SearchFilter.parse("general-practitioner={fhirUser}", null).matchesNothing()).isTrue();
        assertThat(SearchFilter.parse("  ", "x")).isSameAs(SearchFilter.NONE);
    }

    @Test
    void theSearchFilterPutsInAnAbsoluteFhirUserAsARelativeReference() {
        SearchFilter filter = SearchFilter.parse("general-practitioner={fhirUser}", "https://fhir.example/r4/Practitioner/dr-jones");

        assertThat(filter.parameters()).containsExactly(Map.entry("general-practitioner", "Practitioner/dr-jones"));
        assertThat(filter.matchesNothing()).isFalse();
        assertThat(SearchFilter.parse("general-practitioner={fhirUser}", "not a reference").matchesNothing()).isTrue();
    }

    @Test
    void aMalformedFilterIsAnErrorNotAWiderSearch() {
        assertThatThrownBy(() -> SearchFilter.parse("general-practitioner", "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SearchFilter.parse("a=1&=2", "x")).isInstanceOf(IllegalArgumentException.class);
    }

    /** Found by PickerInputFuzzTest: "&" gave an empty filter, so a typo let the picker list every patient. */
    @Test
    void aFilterOfOnlySeparatorsIsAnErrorNotAnEmptyFilter() {
        assertThatThrownBy(() -> SearchFilter.parse("&", "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SearchFilter.parse(" && ", "x")).isInstanceOf(IllegalArgumentException.class);
        assertThat(SearchFilter.parse("active=true&", "x").parameters()).containsExactly(Map.entry("active", "true"));
    }

    @Test
    void fhirIdsFollowTheSpec() {
        assertThat(FhirIds.isValid("amy-shaw.1")).isTrue();
        assertThat(FhirIds.isValid("a".repeat(64))).isTrue();
        assertThat(FhirIds.isValid("a".repeat(65))).isFalse();
        assertThat(FhirIds.isValid("amy shaw")).isFalse();
        assertThat(FhirIds.isValid("../x")).isFalse();
        assertThat(FhirIds.isValid("")).isFalse();
        assertThat(FhirIds.isValid(null)).isFalse();
    }
}
