package io.github.smartonkeycloak.launch.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.smartonkeycloak.core.fhir.EncounterSummary;
import io.github.smartonkeycloak.core.fhir.FhirUnavailableException;
import io.github.smartonkeycloak.core.fhir.PatientPage;
import io.github.smartonkeycloak.core.fhir.PatientSummary;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mockito.Mock;
import org.mockito.junit.jupiter.MockitoExtension;

/** The FHIR patient directory's searches, reads and paging, with the HTTP calls and the token mocked. */
@ExtendWith(MockitoExtension.class)
class FhirClientTest {

    private static final String BASE = "https://fhir.example.org/r4";
    private static final String FIRST_PAGE = BASE + "/Patient?name=Shaw&_count=2";
    private static final String SECOND_PAGE = BASE + "?_getpages=abc&_getpagesoffset=2&_count=2";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Mock
    FhirHttp http;
    @Mock
    Supplier<String> tokens;

    private FhirClient client;

    @BeforeEach
    void aClientOfTheRealmsFhirServer() {
        client = new FhirClient("smart", BASE, http, tokens);
    }

    @Test
    void aSearchSendsTheParametersWithTheServiceTokenAndReadsTheBundle() {
        given(tokens.get()).willReturn("service-token");
        given(http.get(FIRST_PAGE, "service-token")).willReturn(ok(bundle(SECOND_PAGE, patient("amy-shaw", "Amy"),
                patient("ben-shaw", "Ben"))));

        PatientPage page = client.searchPatients(List.of(Map.entry("name", "Shaw")), 0, 2);

        assertThat(page.patients()).extracting(PatientSummary::id).containsExactly("amy-shaw", "ben-shaw");
        assertThat(page.patients().get(0).name()).isEqualTo("Amy Shaw");
        assertThat(page.hasNext()).isTrue();
    }

    @Test
    void aNameSearchIsThePrefixSearchOfTheFirstPage() {
        given(tokens.get()).willReturn("t");
        given(http.get(BASE + "/Patient?name=Amy+Lee&_count=5", "t")).willReturn(ok(bundle(null, patient("amy-lee", "Amy"))));

        assertThat(client.searchPatients("  Amy Lee ", 5)).extracting(PatientSummary::id).containsExactly("amy-lee");
    }

    @Test
    void laterPagesAreReachedByTheServersNextLinksOnItsOwnHost() {
        given(tokens.get()).willReturn("t");
        given(http.get(FIRST_PAGE, "t")).willReturn(ok(bundle(SECOND_PAGE, patient("amy-shaw", "Amy"))));
        given(http.get(SECOND_PAGE, "t")).willReturn(ok(bundle(null, patient("cal-shaw", "Cal"))));

        PatientPage second = client.searchPatients(List.of(Map.entry("name", "Shaw")), 1, 2);

        assertThat(second.patients()).extracting(PatientSummary::id).containsExactly("cal-shaw");
        assertThat(second.hasNext()).isFalse();
        verify(tokens, times(1)).get();
    }

    @Test
    void aPageAfterTheLastIsEmpty() {
        given(tokens.get()).willReturn("t");
        given(http.get(FIRST_PAGE, "t")).willReturn(ok(bundle(null, patient("amy-shaw", "Amy"))));

        assertThat(client.searchPatients(List.of(Map.entry("name", "Shaw")), 3, 2)).isEqualTo(new PatientPage(List.of(), false));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "https://attacker.example/r4?_getpages=abc",
            "http://fhir.example.org/r4?_getpages=abc",
            "https://fhir.example.org:8443/r4?_getpages=abc",
            "https://fhir.example.org.attacker.example/r4?_getpages=abc",
            "https://user:secret@fhir.example.org/r4?_getpages=abc"})
    void aNextLinkToAnotherServerIsRefusedAndNotFollowed(String foreign) {
        given(tokens.get()).willReturn("t");
        given(http.get(FIRST_PAGE, "t")).willReturn(ok(bundle(foreign, patient("amy-shaw", "Amy"))));

        assertThatThrownBy(() -> client.searchPatients(List.of(Map.entry("name", "Shaw")), 1, 2))
                .isInstanceOf(FhirUnavailableException.class)
                .hasMessageContaining("next link leads to another server")
                .hasMessageContaining("not https://fhir.example.org")
                .hasMessageNotContaining("_getpages")
                .hasMessageNotContaining("secret");
        verify(http, never()).get(eq(foreign), anyString());
    }

    @Test
    void aFirstPageWithAForeignNextLinkIsRefusedToo() {
        given(tokens.get()).willReturn("t");
        given(http.get(FIRST_PAGE, "t")).willReturn(ok(bundle("https://attacker.example/r4?p=2", patient("amy-shaw", "Amy"))));

        assertThatThrownBy(() -> client.searchPatients(List.of(Map.entry("name", "Shaw")), 0, 2))
                .isInstanceOf(FhirUnavailableException.class).hasMessageContaining("https://attacker.example");
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://fhir.example.org/other?_getpages=abc", "https://fhir.example.org/r4-evil?x=1", "not a url"})
    void aNextLinkOutsideTheBaseUrlIsRefused(String outside) {
        given(tokens.get()).willReturn("t");
        given(http.get(FIRST_PAGE, "t")).willReturn(ok(bundle(outside, patient("amy-shaw", "Amy"))));

        assertThatThrownBy(() -> client.searchPatients(List.of(Map.entry("name", "Shaw")), 1, 2))
                .isInstanceOf(FhirUnavailableException.class).hasMessageContaining("next link");
        verify(http, never()).get(eq(outside), anyString());
    }

    @Test
    void aReadFindsThePatientAskedFor() {
        given(tokens.get()).willReturn("t");
        given(http.get(BASE + "/Patient/amy-shaw", "t")).willReturn(ok(patient("amy-shaw", "Amy")));

        assertThat(client.readPatient("amy-shaw")).map(PatientSummary::name).contains("Amy Shaw");
    }

    @Test
    void aReadOfAMissingOrGonePatientIsEmpty() {
        given(tokens.get()).willReturn("t");
        given(http.get(BASE + "/Patient/nobody", "t")).willReturn(new FhirHttp.Answer(404, null));
        given(http.get(BASE + "/Patient/gone", "t")).willReturn(new FhirHttp.Answer(410, null));

        assertThat(client.readPatient("nobody")).isEmpty();
        assertThat(client.readPatient("gone")).isEmpty();
    }

    @Test
    void aReadAnsweredWithAnotherResourceOrAnErrorIsTheServersFault() {
        given(tokens.get()).willReturn("t");
        given(http.get(BASE + "/Patient/amy-shaw", "t")).willReturn(ok(patient("ben-shaw", "Ben")));
        given(http.get(BASE + "/Patient/ben-shaw", "t")).willReturn(new FhirHttp.Answer(500, null));

        assertThatThrownBy(() -> client.readPatient("amy-shaw")).isInstanceOf(FhirUnavailableException.class);
        assertThatThrownBy(() -> client.readPatient("ben-shaw")).isInstanceOf(FhirUnavailableException.class)
                .hasMessageContaining("HTTP 500");
    }

    @Test
    void anIdThatIsNotAFhirIdIsNeverSent() {
        assertThat(client.readPatient("../Observation/1")).isEmpty();

        verifyNoInteractions(http, tokens);
    }

    @Test
    void patientsByIdComeInTheOrderOfTheIdsAndOnlyThoseAskedFor() {
        given(tokens.get()).willReturn("t");
        given(http.get(BASE + "/Patient?_id=ben-shaw%2Camy-shaw&active=true&_count=2", "t")).willReturn(ok(bundle(null,
                patient("amy-shaw", "Amy"), patient("zed", "Zed"), patient("ben-shaw", "Ben"))));

        List<PatientSummary> found = client.patients(List.of("ben-shaw", "amy-shaw"), List.of(Map.entry("active", "true")));

        assertThat(found).extracting(PatientSummary::id).containsExactly("ben-shaw", "amy-shaw");
        assertThat(client.patients(List.of(), List.of())).isEmpty();
    }

    @Test
    void encountersComeNewestFirstEvenIfTheServerIgnoresTheSort() {
        given(tokens.get()).willReturn("t");
        given(http.get(BASE + "/Encounter?patient=amy-shaw&_sort=-date&_count=3", "t")).willReturn(ok(bundle(null,
                encounter("old", "2020-01-01"), encounter("undated", null), encounter("new", "2024-05-06"))));

        assertThat(client.encounters("amy-shaw", 3)).extracting(EncounterSummary::id).containsExactly("new", "old", "undated");
    }

    @Test
    void withoutABaseUrlNothingIsSentAndNoTokenIssued() {
        FhirClient unconfigured = new FhirClient("smart", null, http, tokens);

        assertThatThrownBy(() -> unconfigured.searchPatients("Amy", 5)).isInstanceOf(FhirUnavailableException.class)
                .hasMessageContaining("smart.fhirBaseUrls");
        verifyNoInteractions(http, tokens);
    }

    @Test
    void aPlainHttpBaseOffLoopbackGetsNoToken() {
        FhirClient insecure = new FhirClient("smart", "http://fhir.example.org/r4", http, tokens);

        assertThatThrownBy(() -> insecure.readPatient("amy-shaw")).isInstanceOf(FhirUnavailableException.class)
                .hasMessageContaining("refused");
        verifyNoInteractions(http, tokens);
    }

    @Test
    void aFailedTokenIsTheFhirServersUnavailability() {
        given(tokens.get()).willThrow(new FhirUnavailableException("the realm has no enabled client 'x'"));

        assertThatThrownBy(() -> client.readPatient("amy-shaw")).hasMessageContaining("no enabled client");
        verifyNoInteractions(http);
    }

    private static FhirHttp.Answer ok(JsonNode json) {
        return new FhirHttp.Answer(200, json);
    }

    private static JsonNode bundle(String next, JsonNode... resources) {
        Map<String, Object> bundle = new java.util.LinkedHashMap<>();
        bundle.put("resourceType", "Bundle");
        bundle.put("entry", java.util.Arrays.stream(resources).map(resource -> Map.of("resource", resource)).toList());
        if (next != null) {
            bundle.put("link", List.of(Map.of("relation", "self", "url", FIRST_PAGE), Map.of("relation", "next", "url", next)));
        }
        return JSON.valueToTree(bundle);
    }

    private static JsonNode patient(String id, String given) {
        return parse("{\"resourceType\":\"Patient\",\"id\":\"" + id + "\",\"name\":[{\"given\":[\"" + given
                + "\"],\"family\":\"Shaw\"}],\"birthDate\":\"1987-02-20\"}");
    }

    private static JsonNode encounter(String id, String start) {
        return parse("{\"resourceType\":\"Encounter\",\"id\":\"" + id + "\",\"status\":\"finished\""
                + (start == null ? "" : ",\"period\":{\"start\":\"" + start + "\"}") + "}");
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
