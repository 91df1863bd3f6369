package io.github.smartonkeycloak.core.settings;

import static io.github.smartonkeycloak.core.settings.SmartClientSettings.CONSENT_PROMPT;
import static io.github.smartonkeycloak.core.settings.SmartClientSettings.FHIR_CONTEXT_FORMAT;
import static io.github.smartonkeycloak.core.settings.SmartClientSettings.LAUNCH_URL;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

class SmartClientSettingsTest {

    private static SmartClientSettings with(String key, String value) {
        return SmartClientSettings.of(Map.of(key, value));
    }

    @Test
    void theKeysAreTheOnesRealmExportsAndDocsUse() {
        assertThat(SmartClientSettings.SETTINGS).extracting(Setting::key)
                .containsExactly("smart.launchUrl", "smart.fhirContextFormat", "smart.consentPrompt", "smart.resourceServerProfile");
    }

    @Test
    void unsetMeansTheDefaults() {
        for (SmartClientSettings settings : new SmartClientSettings[] {SmartClientSettings.of(Map.of()), SmartClientSettings.of(null)}) {
            assertThat(settings.launchUrl()).isEmpty();
            assertThat(settings.fhirContextAsStrings()).isFalse();
            assertThat(settings.alwaysAskConsent()).isFalse();
            assertThat(settings.resourceServerProfile()).isEmpty();
        }
        assertThat(with(LAUNCH_URL, "  ").launchUrl()).isEmpty();
    }

    @Test
    void theGettersReadTheValuesAsTheFlowsAlwaysDid() {
        assertThat(with(LAUNCH_URL, " https://app.example/launch ").launchUrl()).contains("https://app.example/launch");
        assertThat(with(FHIR_CONTEXT_FORMAT, "strings").fhirContextAsStrings()).isTrue();
        assertThat(with(FHIR_CONTEXT_FORMAT, "STRINGS").fhirContextAsStrings()).isFalse();
        assertThat(with(FHIR_CONTEXT_FORMAT, "objects").fhirContextAsStrings()).isFalse();
        assertThat(with(CONSENT_PROMPT, "Always").alwaysAskConsent()).isTrue();
        assertThat(with(CONSENT_PROMPT, "undecided").alwaysAskConsent()).isFalse();
    }

    @Test
    void validationNamesTheSettingAndTheProblem() {
        assertThat(SmartClientSettings.validate(Map.of(LAUNCH_URL, "https://app.example/launch",
                FHIR_CONTEXT_FORMAT, "strings", CONSENT_PROMPT, "always"))).isEmpty();
        assertThat(SmartClientSettings.validate(Map.of(LAUNCH_URL, "app.example/launch")))
                .containsExactly("Launch URL (smart.launchUrl): must be an absolute http or https URL, not 'app.example/launch'");
        assertThat(SmartClientSettings.validate(Map.of(FHIR_CONTEXT_FORMAT, "json"))).hasSize(1);
        assertThat(SmartClientSettings.validate(Map.of(CONSENT_PROMPT, "never"))).singleElement().asString()
                .contains("must be one of undecided, always");
    }
}
