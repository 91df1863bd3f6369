package io.github.smartonkeycloak.launch.standalone.encounter;

import io.github.smartonkeycloak.launch.flow.SmartStepFactory;

/** The standalone-launch encounter picker; place it REQUIRED after the patient picker. */
public final class EncounterPickerAuthenticatorFactory extends SmartStepFactory {

    public static final String PROVIDER_ID = "smart-encounter-picker";

    public EncounterPickerAuthenticatorFactory() {
        super(PROVIDER_ID, "SMART encounter picker", new EncounterPickerAuthenticator(), EncounterPickerConfig.properties());
    }

    @Override
    public String getHelpText() {
        return "SMART on FHIR standalone launch: lets the user choose one of the patient's encounters when the app "
                + "asks for launch/encounter and no encounter is in context. Put it REQUIRED after the patient picker.";
    }
}
