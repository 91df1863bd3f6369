package io.github.smartonkeycloak.launch.standalone.patient;

import io.github.smartonkeycloak.launch.flow.SmartStepFactory;

/** The standalone-launch patient picker; place it REQUIRED after the sub-flow that signs the user in. */
public final class PatientPickerAuthenticatorFactory extends SmartStepFactory {

    public static final String PROVIDER_ID = "smart-patient-picker";

    public PatientPickerAuthenticatorFactory() {
        super(PROVIDER_ID, "SMART patient picker", new PatientPickerAuthenticator(), PatientPickerConfig.properties());
    }

    @Override
    public String getHelpText() {
        return "SMART on FHIR standalone launch: lets the user choose the patient when the app asks for launch/patient "
                + "or patient/ scopes and no patient is in context. Patients choose among their linked records, "
                + "clinicians search the FHIR server. Put it REQUIRED after the sub-flow that signs the user in.";
    }
}
