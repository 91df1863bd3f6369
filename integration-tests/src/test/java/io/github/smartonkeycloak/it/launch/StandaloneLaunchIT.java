package io.github.smartonkeycloak.it.launch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.smartonkeycloak.capability.SmartCapability;
import io.github.smartonkeycloak.it.support.BrowserlessLogin.Page;
import io.github.smartonkeycloak.it.support.BrowserlessLogin;
import io.github.smartonkeycloak.it.support.Http;
import io.github.smartonkeycloak.it.support.Jwt;
import io.github.smartonkeycloak.it.support.Pkce;
import io.github.smartonkeycloak.it.support.Proves;
import io.github.smartonkeycloak.it.support.RealmFixtures;
import io.github.smartonkeycloak.it.support.SmartAppFlow.Authorization;
import io.github.smartonkeycloak.it.support.SmartServerConfig;
import io.github.smartonkeycloak.it.support.TestApps;
import io.github.smartonkeycloak.it.support.TestFhirServer;
import org.junit.jupiter.api.Test;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;

/**
 * Standalone launch on a real Keycloak with the demo FHIR server: the patient picker (patients choose among their
 * linked records, clinicians search), its server-side checks, and leaving it. When it runs: PatientPickerRunsIT;
 * the encounter picker: EncounterPickerIT.
 */
@KeycloakIntegrationTest(config = SmartServerConfig.class)
class StandaloneLaunchIT extends StandaloneLaunchBase {

    @Test
    @Proves({SmartCapability.LAUNCH_STANDALONE, SmartCapability.CONTEXT_STANDALONE_PATIENT})
    void aPatientChoosesAmongTheirLinkedRecordsAndTheTokensCarryTheChoice() {
        BrowserlessLogin login = browser();
        Pkce pkce = Pkce.s256();
        Page picker = openPicker(login, PATIENT_SCOPES, pkce, users.patient());

        assertThat(picker.all("data-patient-id")).containsExactlyElementsOf(users.patient().patientIds());
        assertThat(picker.html().select("[data-patient-id=ben-shaw]").text()).contains("Ben");

        JsonNode tokens = finish(login, picker.submit("#smart-patient-choice", List.of(Map.entry("patient", "ben-shaw"))), pkce);
        assertThat(tokens.path("patient").asText()).isEqualTo("ben-shaw");
        assertThat(tokens.path("need_patient_banner").isBoolean()).isTrue();
        assertThat(tokens.path("need_patient_banner").asBoolean()).isTrue();
        assertThat(tokens.path("smart_style_url").asText()).startsWith(realm.getBaseUrl());
        assertThat(Jwt.payload(tokens.path("access_token").asText()).path("patient").asText()).isEqualTo("ben-shaw");

        // The token reads the chosen record on the FHIR server, and only that one.
        String token = tokens.path("access_token").asText();
        assertThat(Http.plain().get(TestFhirServer.baseUrl() + "/Patient/ben-shaw", "Authorization", "Bearer " + token).status())
                .isEqualTo(200);
        // Another record is not there for this token: 404, as for a record that does not exist.
        assertThat(Http.plain().get(TestFhirServer.baseUrl() + "/Patient/amy-shaw", "Authorization", "Bearer " + token).status())
                .isEqualTo(404);
    }

    @Test
    void aPatientIdThatWasNotOfferedIsRefusedAndNoCodeIsIssued() {
        BrowserlessLogin login = browser();
        Pkce pkce = Pkce.s256();
        Page picker = openPicker(login, PATIENT_SCOPES, pkce, users.patient());

        for (String tampered : List.of("p0001", "../Patient/p0001", "amy-shaw,p0001", "")) {
            Http.Response refused = picker.submit("#smart-patient-choice", List.of(Map.entry("patient", tampered)));
            assertThat(refused.status()).as(tampered).isEqualTo(400);
            picker = login.page(refused);
            assertThat(picker.smartPage()).isEqualTo("patient-picker");
            assertThat(picker.html().text()).contains("That choice was not offered to you");
        }

        JsonNode tokens = finish(login, picker.submit("#smart-patient-choice", List.of(Map.entry("patient", "amy-shaw"))), pkce);
        assertThat(tokens.path("patient").asText()).isEqualTo("amy-shaw");
    }

    @Test
    void aClinicianSearchesByNameBirthDateAndIdentifierAndPagesThroughResults() {
        BrowserlessLogin login = browser();
        Pkce pkce = Pkce.s256();
        Page picker = openPicker(login, PATIENT_SCOPES, pkce, users.practitioner());
        List<String> firstPage = picker.all("data-patient-id");
        assertThat(firstPage).hasSize(10);

        Page next = page(login, picker.submit("#smart-patient-choice", List.of(Map.entry("page", "1"))));
        assertThat(next.all("data-patient-id")).hasSize(10).doesNotContainAnyElementsOf(firstPage);

        Page byName = search(login, next, "shaw");
        assertThat(byName.all("data-patient-id")).contains("amy-shaw", "ben-shaw");
        JsonNode amy = readPatient("amy-shaw");
        Page byBirthDate = search(login, byName, amy.path("birthDate").asText());
        assertThat(byBirthDate.all("data-patient-id")).contains("amy-shaw");
        String mrn = amy.path("identifier").path(0).path("value").asText();
        Page byIdentifier = search(login, byBirthDate, mrn);
        assertThat(byIdentifier.all("data-patient-id")).containsExactly("amy-shaw");

        JsonNode tokens = finish(login, byIdentifier.submit("#smart-patient-choice", List.of(Map.entry("patient", "amy-shaw"))), pkce);
        assertThat(tokens.path("patient").asText()).isEqualTo("amy-shaw");
    }

    @Test
    void theClinicianSearchFilterLimitsWhomTheyMayPick() {
        new RealmFixtures(realm).stepConfig("smart-patient-picker", "searchFilter", "family=Shaw");
        BrowserlessLogin login = browser();
        Pkce pkce = Pkce.s256();
        Page picker = openPicker(login, PATIENT_SCOPES, pkce, users.practitioner());

        assertThat(picker.all("data-patient-id")).containsExactlyInAnyOrder("amy-shaw", "ben-shaw");
        Http.Response outsideFilter = picker.submit("#smart-patient-choice", List.of(Map.entry("patient", "p0001")));
        assertThat(outsideFilter.status()).isEqualTo(400);
        picker = login.page(outsideFilter);

        JsonNode tokens = finish(login, picker.submit("#smart-patient-choice", List.of(Map.entry("patient", "ben-shaw"))), pkce);
        assertThat(tokens.path("patient").asText()).isEqualTo("ben-shaw");
    }

    @Test
    void aUserWithoutLinkedRecordsGetsAnErrorPageAndCancelSendsAccessDenied() {
        new RealmFixtures(realm).user("nobody", "nobody-password", Map.of(), "patient");
        BrowserlessLogin login = browser();
        Pkce pkce = Pkce.s256();

        Page error = login.openUntil("error", app().request(PATIENT_SCOPES, pkce), "nobody", "nobody-password");
        assertThat(error.response().status()).isEqualTo(403);
        assertThat(error.html().text()).contains("No health record is linked to your account");
        assertThat(error.all("data-smart-action")).containsExactly("cancel");

        Map<String, String> redirect = login.continueFrom(
                error.submit("#smart-error-actions", List.of(Map.entry("smart-action", "cancel"))), TestApps.REDIRECT_URI);
        assertThat(redirect).containsEntry("error", "access_denied").doesNotContainKey("code");
        assertThat(redirect.get("error_description")).isNotBlank();
    }

    @Test
    void cancellingThePickerSendsAccessDenied() {
        BrowserlessLogin login = browser();
        Page picker = openPicker(login, PATIENT_SCOPES, Pkce.s256(), users.patient());

        Map<String, String> redirect = login.continueFrom(
                picker.submit("#smart-patient-choice", List.of(Map.entry("smart-action", "cancel"))), TestApps.REDIRECT_URI);

        assertThat(redirect).containsEntry("error", "access_denied").containsEntry("state", "state-1").doesNotContainKey("code");
    }

    private Page search(BrowserlessLogin login, Page picker, String text) {
        return page(login, picker.submit("#smart-patient-search", List.of(Map.entry("search", text))));
    }

    private Page page(BrowserlessLogin login, Http.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return login.page(response);
    }

    private static JsonNode readPatient(String id) {
        return fhir("/Patient/" + id);
    }
}
