package io.github.smartonkeycloak.it.launch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.smartonkeycloak.it.support.BrowserlessLogin;
import io.github.smartonkeycloak.it.support.DemoUsers;
import io.github.smartonkeycloak.it.support.LaunchApi;
import io.github.smartonkeycloak.it.support.RealmFixtures;
import io.github.smartonkeycloak.it.support.SmartAppFlow;
import io.github.smartonkeycloak.it.support.SmartServerConfig;
import org.junit.jupiter.api.Test;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;

/**
 * When the patient picker runs in a standalone launch and when not: patient scopes without {@code launch/patient},
 * user scopes only, an EHR launch that names the patient, a single linked record, a second app in one session.
 */
@KeycloakIntegrationTest(config = SmartServerConfig.class)
class PatientPickerRunsIT extends StandaloneLaunchBase {

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
    void aSecondAppInTheSameBrowserSessionGetsItsOwnPicker() {
        BrowserlessLogin login = browser().choosingPatient("ben-shaw");
        JsonNode first = app().inBrowser(login).tokens(PATIENT_SCOPES, users.patient());

        login.choosingPatient("amy-shaw");
        JsonNode second = new SmartAppFlow(realm.getBaseUrl(), OTHER_APP).inBrowser(login).tokens(PATIENT_SCOPES, users.patient());

        assertThat(login.pagesSeen()).containsExactly("patient-picker", "patient-picker");
        assertThat(first.path("patient").asText()).isEqualTo("ben-shaw");
        assertThat(second.path("patient").asText()).isEqualTo("amy-shaw");
    }
}
