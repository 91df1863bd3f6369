package io.github.smartonkeycloak.it.launch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.smartonkeycloak.capability.SmartCapability;
import io.github.smartonkeycloak.it.support.BrowserlessLogin;
import io.github.smartonkeycloak.it.support.BrowserlessLogin.Page;
import io.github.smartonkeycloak.it.support.DemoUsers;
import io.github.smartonkeycloak.it.support.Http;
import io.github.smartonkeycloak.it.support.Jwt;
import io.github.smartonkeycloak.it.support.LaunchApi;
import io.github.smartonkeycloak.it.support.Pkce;
import io.github.smartonkeycloak.it.support.Proves;
import io.github.smartonkeycloak.it.support.RealmFixtures;
import io.github.smartonkeycloak.it.support.SmartAppFlow;
import io.github.smartonkeycloak.it.support.SmartAppFlow.Authorization;
import io.github.smartonkeycloak.it.support.SmartRealm;
import io.github.smartonkeycloak.it.support.SmartServerConfig;
import io.github.smartonkeycloak.it.support.TestApps;
import io.github.smartonkeycloak.it.support.TestFhirServer;
import io.github.smartonkeycloak.it.support.TokenEndpoint;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.injection.LifeCycle;
import org.keycloak.testframework.realm.ManagedRealm;

/**
 * Standalone launch on a real Keycloak with the demo FHIR server: the patient picker (patients choose among their
 * linked records, clinicians search), its server-side checks, when it runs and when not, and the encounter picker.
 */
@KeycloakIntegrationTest(config = SmartServerConfig.class)
class StandaloneLaunchIT {

    private static final String APP = "standalone-test-app";
    private static final String OTHER_APP = "standalone-second-app";
    private static final String PATIENT_SCOPES = "launch/patient openid fhirUser patient/*.rs";

    @InjectRealm(fromJson = SmartRealm.JSON, lifecycle = LifeCycle.GLOBAL)
    ManagedRealm realm;

    private final DemoUsers users = DemoUsers.load();

    @BeforeEach
    void registerApps() {
        RealmFixtures fixtures = new RealmFixtures(realm);
        List<String> scopes = List.of("launch", "launch/patient", "launch/encounter", "fhirUser", "patient/*.rs", "user/*.rs");
        fixtures.publicClient(APP, scopes);
        fixtures.publicClient(OTHER_APP, scopes);
    }

    private SmartAppFlow app() {
        return new SmartAppFlow(realm.getBaseUrl(), APP);
    }

    private BrowserlessLogin browser() {
        return new BrowserlessLogin(realm.getBaseUrl());
    }

    private Page openPicker(BrowserlessLogin login, String scope, Pkce pkce, DemoUsers.DemoUser user) {
        return login.openUntil("patient-picker", app().request(scope, pkce), user.username(), user.password());
    }

    private JsonNode finish(BrowserlessLogin login, Http.Response afterChoice, Pkce pkce) {
        Map<String, String> redirect = login.continueFrom(afterChoice, TestApps.REDIRECT_URI);
        return app().exchange(new Authorization(redirect, pkce));
    }

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
    void aPatientScopeWithoutLaunchPatientStillPutsAPatientInContext() {
        BrowserlessLogin login = browser().choosingPatient("ben-shaw");

        JsonNode tokens = app().inBrowser(login).tokens("openid patient/Observation.rs", users.patient());

        assertThat(login.pagesSeen()).containsExactly("patient-picker");
        assertThat(tokens.path("patient").asText()).isEqualTo("ben-shaw");
    }

    @Test
    void appsAskingOnlyForUserScopesGetNoPicker() {
        BrowserlessLogin login = browser();

        JsonNode tokens = app().inBrowser(login).tokens("openid fhirUser user/Observation.rs", users.practitioner());

        assertThat(login.pagesSeen()).isEmpty();
        assertThat(tokens.has("patient")).isFalse();
        assertThat(tokens.path("scope").asText()).contains("user/Observation.rs");
    }

    @Test
    void anEhrLaunchWithAPatientGetsNoPicker() {
        String launch = new LaunchApi(realm.getBaseUrl()).register(Map.of("client_id", APP, "patient", "ben-shaw"));
        BrowserlessLogin login = browser();

        JsonNode tokens = app().inBrowser(login).with("launch", launch)
                .tokens("launch openid launch/patient patient/*.rs", users.practitioner());

        assertThat(login.pagesSeen()).isEmpty();
        assertThat(tokens.path("patient").asText()).isEqualTo("ben-shaw");
    }

    @Test
    void aSingleLinkedRecordIsChosenWithoutAPageUnlessConfiguredOtherwise() {
        RealmFixtures fixtures = new RealmFixtures(realm);
        fixtures.user("ben", "ben-password", Map.of("fhirUser", List.of("Patient/ben-shaw")), "patient");
        DemoUsers.DemoUser ben = new DemoUsers.DemoUser("ben", "ben-password", "Patient/ben-shaw", List.of("ben-shaw"));

        BrowserlessLogin silent = browser();
        assertThat(app().inBrowser(silent).tokens(PATIENT_SCOPES, ben).path("patient").asText()).isEqualTo("ben-shaw");
        assertThat(silent.pagesSeen()).isEmpty();

        fixtures.stepConfig("smart-patient-picker", "autoSelectSingle", "false");
        BrowserlessLogin asked = browser();
        assertThat(app().inBrowser(asked).tokens(PATIENT_SCOPES, ben).path("patient").asText()).isEqualTo("ben-shaw");
        assertThat(asked.pagesSeen()).containsExactly("patient-picker");
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

    @Test
    @Proves(SmartCapability.CONTEXT_STANDALONE_ENCOUNTER)
    void theEncounterPickerOffersThePatientsEncountersNewestFirst() {
        BrowserlessLogin login = browser().choosingPatient("amy-shaw");
        Pkce pkce = Pkce.s256();
        Page picker = login.openUntil("encounter-picker",
                app().request("launch/patient launch/encounter openid patient/*.rs", pkce),
                users.patient().username(), users.patient().password());

        List<String> offered = picker.all("data-encounter-id");
        assertThat(offered).isNotEmpty().allMatch(id -> id.startsWith("enc-amy-shaw-"));
        assertThat(offered).containsExactlyElementsOf(newestFirst(encountersOf("amy-shaw")));

        Http.Response tampered = picker.submit("#smart-encounter-choice", List.of(Map.entry("encounter", "enc-ben-shaw-1")));
        assertThat(tampered.status()).isEqualTo(400);
        picker = login.page(tampered);
        assertThat(picker.all("data-encounter-id")).isEqualTo(offered);

        String chosen = offered.get(offered.size() - 1);
        JsonNode tokens = finish(login, picker.submit("#smart-encounter-choice", List.of(Map.entry("encounter", chosen))), pkce);
        assertThat(tokens.path("patient").asText()).isEqualTo("amy-shaw");
        assertThat(tokens.path("encounter").asText()).isEqualTo(chosen);
    }

    @Test
    void noEncounterMayBeChosen() {
        BrowserlessLogin login = browser().choosingPatient("amy-shaw").choosingEncounter("");

        JsonNode tokens = app().inBrowser(login).tokens("launch/patient launch/encounter openid patient/*.rs", users.patient());

        assertThat(login.pagesSeen()).containsExactly("patient-picker", "encounter-picker");
        assertThat(tokens.path("patient").asText()).isEqualTo("amy-shaw");
        assertThat(tokens.has("encounter")).isFalse();
    }

    @Test
    void aSecondAppInTheSameBrowserSessionGetsItsOwnPicker() {
        BrowserlessLogin login = browser().choosingPatient("ben-shaw");
        JsonNode first = app().inBrowser(login).tokens(PATIENT_SCOPES, users.patient());

        login.choosingPatient("amy-shaw");
        JsonNode second = new SmartAppFlow(realm.getBaseUrl(), OTHER_APP).inBrowser(login).tokens(PATIENT_SCOPES, users.patient());

        assertThat(login.pagesSeen()).containsExactly("patient-picker", "patient-picker");
        assertThat(first.path("patient").asText()).isEqualTo("ben-shaw");
        assertThat(second.path("patient").asText()).isEqualTo("amy-shaw");
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

    private static List<JsonNode> encountersOf(String patientId) {
        List<JsonNode> encounters = new ArrayList<>();
        fhir("/Encounter?patient=" + patientId + "&_count=100").path("entry").forEach(entry -> encounters.add(entry.path("resource")));
        return encounters;
    }

    private static List<String> newestFirst(List<JsonNode> encounters) {
        return encounters.stream()
                .sorted((a, b) -> b.path("period").path("start").asText().compareTo(a.path("period").path("start").asText()))
                .map(encounter -> encounter.path("id").asText())
                .toList();
    }

    /** Reads the demo FHIR server as a backend service does (the demo realm's demo-backend). */
    private static JsonNode fhir(String path) {
        String token = new TokenEndpoint("http://localhost:8080/realms/" + SmartRealm.NAME)
                .clientCredentials("demo-backend", "demo-backend-secret", "system/*.rs").json().path("access_token").asText();
        Http.Response response = Http.plain().get(TestFhirServer.baseUrl() + path, "Authorization", "Bearer " + token,
                "Accept", "application/fhir+json");
        assertThat(response.status()).as(path + ": " + response.body()).isEqualTo(200);
        return response.json();
    }
}
