package io.github.smartonkeycloak.launch.consent.enforcement;

import io.github.smartonkeycloak.common.SmartTokenPostProcessorFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.protocol.oidc.token.TokenPostProcessor;

public final class ConsentEnforcementFactory implements SmartTokenPostProcessorFactory {

    public static final String PROVIDER_ID = "smart-consent-enforcement";

    @Override
    public TokenPostProcessor create(KeycloakSession session) {
        return new ConsentEnforcement(session);
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    /** After the launch-context binding (higher orders run first), which puts the patient into the token. */
    @Override
    public int order() {
        return -100;
    }
}
