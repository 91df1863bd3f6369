package io.github.smartonkeycloak.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.github.smartonkeycloak.core.settings.SmartRealmSettings;
import org.junit.jupiter.api.Test;
import org.keycloak.component.ComponentModel;
import org.keycloak.component.ComponentValidationException;
import org.keycloak.provider.ProviderConfigProperty;

class SettingsFormTest {

    private final SettingsForm form = new SettingsForm(SmartRealmSettings.SETTINGS, SmartRealmSettings::validate);

    private static ComponentModel formWith(Map<String, String> fields) {
        ComponentModel model = new ComponentModel();
        fields.forEach(model::put);
        return model;
    }

    @Test
    void everySettingIsAFieldWhoseHelpNamesTheAttributeTheDefaultAndTheBound() {
        List<ProviderConfigProperty> properties = form.properties();

        assertThat(properties).extracting(ProviderConfigProperty::getName).containsExactly("fhirBaseUrls",
                "resourceServerProfiles", "supportedResourceTypes", "launchLifespan", "fhirServiceClient", "style", "withheldCapabilities",
                "registrationEndpoint", "consentStore", "consentCacheSeconds", "auditSink");
        ProviderConfigProperty lifespan = properties.get(3);
        assertThat(lifespan.getHelpText()).contains("smart.launchLifespan", "default: 300", "1 to 3600");
        assertThat(lifespan.getDefaultValue()).as("empty shows as empty: the attribute stays unset").isNull();
        assertThat(properties.get(5).getType()).isEqualTo(ProviderConfigProperty.TEXT_TYPE);
        assertThat(properties.get(7).getType()).isEqualTo(ProviderConfigProperty.BOOLEAN_TYPE);
        assertThat(properties.get(7).getDefaultValue()).isEqualTo("true");
        assertThat(properties.get(8).getType()).as("a choice").isEqualTo(ProviderConfigProperty.LIST_TYPE);
        assertThat(properties.get(8).getOptions()).containsExactly("keycloak", "fhir");
        assertThat(properties.get(9).getHelpText()).contains("smart.consentCacheSeconds", "default: 2", "0 to 30");
    }

    @Test
    void onlyChangedFieldsAreTakenTheOthersKeepTheAttribute() {
        ComponentModel stored = formWith(Map.of("launchLifespan", "300", "withheldCapabilities", "client-public"));
        ComponentModel entered = formWith(Map.of("launchLifespan", "300", "withheldCapabilities", "launch-ehr"));
        Map<String, String> attributes = Map.of(SmartRealmSettings.LAUNCH_LIFESPAN, "600",
                SmartRealmSettings.WITHHELD_CAPABILITIES, "client-public");

        Map<String, String> result = form.resolve(entered, stored, attributes);

        assertThat(result).containsEntry(SmartRealmSettings.LAUNCH_LIFESPAN, "600")
                .containsEntry(SmartRealmSettings.WITHHELD_CAPABILITIES, "launch-ehr")
                .containsEntry(SmartRealmSettings.FHIR_BASE_URLS, null);
    }

    @Test
    void clearingAFieldUnsetsTheAttribute() {
        ComponentModel stored = formWith(Map.of("withheldCapabilities", "client-public"));
        ComponentModel entered = formWith(Map.of("withheldCapabilities", " "));

        assertThat(form.resolve(entered, stored, Map.of(SmartRealmSettings.WITHHELD_CAPABILITIES, "client-public")))
                .containsEntry(SmartRealmSettings.WITHHELD_CAPABILITIES, null);
    }

    @Test
    void aFirstSaveTakesNeitherEmptyFieldsNorDefaults() {
        ComponentModel entered = formWith(Map.of("registrationEndpoint", "true", "launchLifespan", "60"));
        Map<String, String> attributes = Map.of(SmartRealmSettings.REGISTRATION_ENDPOINT, "false",
                SmartRealmSettings.FHIR_BASE_URLS, "https://fhir.example/r4");

        Map<String, String> result = form.resolve(entered, null, attributes);

        assertThat(result).containsEntry(SmartRealmSettings.REGISTRATION_ENDPOINT, "false")
                .containsEntry(SmartRealmSettings.FHIR_BASE_URLS, "https://fhir.example/r4")
                .containsEntry(SmartRealmSettings.LAUNCH_LIFESPAN, "60");
    }

    @Test
    void aBadChangedValueRefusesTheSaveWithEveryReason() {
        ComponentModel entered = formWith(Map.of("launchLifespan", "0", "style", "[]"));

        assertThatThrownBy(() -> form.resolve(entered, formWith(Map.of()), Map.of()))
                .isInstanceOf(ComponentValidationException.class)
                .hasMessageContaining("smart.launchLifespan").hasMessageContaining("1 to 3600")
                .hasMessageContaining("smart.style").hasMessageContaining("JSON object");
    }

    @Test
    void aBadValueAlreadyInTheAttributesDoesNotBlockOtherChanges() {
        ComponentModel stored = formWith(Map.of("style", "not json"));
        ComponentModel entered = formWith(Map.of("style", "not json", "launchLifespan", "120"));

        assertThat(form.resolve(entered, stored, Map.of(SmartRealmSettings.STYLE, "not json")))
                .containsEntry(SmartRealmSettings.LAUNCH_LIFESPAN, "120");
    }

    @Test
    void theStoredFormMirrorsTheValuesAndTheWriterTouchesOnlyDifferences() {
        ComponentModel model = formWith(Map.of("launchLifespan", "60", "realm", "smart"));
        Map<String, String> values = new HashMap<>();
        values.put(SmartRealmSettings.LAUNCH_LIFESPAN, null);
        values.put(SmartRealmSettings.FHIR_SERVICE_CLIENT, "reader");
        form.store(model, values);

        assertThat(model.getConfig()).doesNotContainKey("launchLifespan").containsKey("realm");
        assertThat(form.stored(model)).containsEntry(SmartRealmSettings.FHIR_SERVICE_CLIENT, "reader")
                .containsEntry(SmartRealmSettings.LAUNCH_LIFESPAN, null);

        Map<String, String> attributes = new HashMap<>(Map.of(SmartRealmSettings.LAUNCH_LIFESPAN, "60",
                SmartRealmSettings.STYLE, "{}"));
        List<String> writes = new java.util.ArrayList<>();
        new AttributeWriter(attributes::get, (key, value) -> writes.add("set " + key), key -> writes.add("remove " + key))
                .write(Map.of(SmartRealmSettings.LAUNCH_LIFESPAN, "", SmartRealmSettings.STYLE, " {} ",
                        SmartRealmSettings.FHIR_SERVICE_CLIENT, "reader"));
        assertThat(writes).containsExactlyInAnyOrder("remove smart.launchLifespan", "set smart.fhirServiceClient");
    }
}
