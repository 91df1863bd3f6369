package io.github.smartonkeycloak.it.launch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.smartonkeycloak.capability.SmartCapability;
import io.github.smartonkeycloak.it.support.BrowserlessLogin.Page;
import io.github.smartonkeycloak.it.support.BrowserlessLogin;
import io.github.smartonkeycloak.it.support.Http;
import io.github.smartonkeycloak.it.support.Pkce;
import io.github.smartonkeycloak.it.support.Proves;
import io.github.smartonkeycloak.it.support.SmartServerConfig;
import org.junit.jupiter.api.Test;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;

/**
 * The encounter picker of a standalone launch: the chosen patient's encounters, newest first, checked on the server;
 * choosing none is allowed.
 */
@KeycloakIntegrationTest(config = SmartServerConfig.class)
class EncounterPickerIT extends StandaloneLaunchBase {

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
}
