package io.github.smartonkeycloak.launch.consent;

import java.util.List;

import io.github.smartonkeycloak.launch.flow.SmartStepFactory;

/** SMART per-scope consent; place it REQUIRED after the pickers. */
public final class SmartConsentAuthenticatorFactory extends SmartStepFactory {

    public static final String PROVIDER_ID = "smart-consent";

    public SmartConsentAuthenticatorFactory() {
        super(PROVIDER_ID, "SMART consent", new SmartConsentAuthenticator(), List.of());
    }

    @Override
    public String getHelpText() {
        return "SMART on FHIR: for clients that require consent, lets the user allow or decline each requested SMART "
                + "scope (and grant US Core categories instead of whole resource types). Decisions are kept with "
                + "Keycloak's consent. Client attribute smart.consentPrompt=always asks every time. Put it REQUIRED "
                + "after the pickers.";
    }
}
