package io.github.smartonkeycloak.launch.standalone.encounter;

import java.util.List;

import io.github.smartonkeycloak.launch.flow.StepSettings;
import org.keycloak.models.AuthenticatorConfigModel;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/** Settings of the encounter picker step (its authenticator config in the flow). */
public final class EncounterPickerConfig {

    public static final String MAX_ENCOUNTERS = "maxEncounters";

    static final int DEFAULT_MAX_ENCOUNTERS = 20;
    static final int LIMIT = 100;

    private final StepSettings settings;

    private EncounterPickerConfig(StepSettings settings) {
        this.settings = settings;
    }

    public static EncounterPickerConfig of(AuthenticatorConfigModel model) {
        return new EncounterPickerConfig(StepSettings.of(model));
    }

    /** How many of the newest encounters the page offers. */
    public int maxEncounters() {
        return settings.count(MAX_ENCOUNTERS, DEFAULT_MAX_ENCOUNTERS, LIMIT);
    }

    static List<ProviderConfigProperty> properties() {
        return ProviderConfigurationBuilder.create()
                .property().name(MAX_ENCOUNTERS).label("Encounters offered")
                .helpText("How many of the patient's newest encounters the page offers (1 to " + LIMIT + ").")
                .type(ProviderConfigProperty.STRING_TYPE).defaultValue(String.valueOf(DEFAULT_MAX_ENCOUNTERS)).add()
                .build();
    }
}
