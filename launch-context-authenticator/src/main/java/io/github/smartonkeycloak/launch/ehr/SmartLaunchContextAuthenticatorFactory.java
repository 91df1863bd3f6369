package io.github.smartonkeycloak.launch.ehr;

import java.util.List;

import io.github.smartonkeycloak.launch.flow.SmartStepFactory;

/** The SMART launch step of the browser flow; place it REQUIRED after the login sub-flow. */
public final class SmartLaunchContextAuthenticatorFactory extends SmartStepFactory {

    public static final String PROVIDER_ID = "smart-launch-context";

    public SmartLaunchContextAuthenticatorFactory() {
        super(PROVIDER_ID, "SMART launch context", new SmartLaunchContextAuthenticator(), List.of());
    }

    @Override
    public String getHelpText() {
        return "SMART on FHIR: records the launch context of the authorization (EHR launch) on the login event. "
                + "Put it REQUIRED after the sub-flow that signs the user in.";
    }
}
