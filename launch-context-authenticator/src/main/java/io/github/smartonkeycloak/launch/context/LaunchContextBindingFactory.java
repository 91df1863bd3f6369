package io.github.smartonkeycloak.launch.context;

import io.github.smartonkeycloak.common.SmartTokenPostProcessorFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.protocol.oidc.token.TokenPostProcessor;

public final class LaunchContextBindingFactory implements SmartTokenPostProcessorFactory {

    public static final String PROVIDER_ID = "smart-launch-context-binding";
    /** Where the mapper reads the context; kept here so the mapper package needs no access to the binding. */
    public static final String CONTEXT_ATTRIBUTE = LaunchContextBinding.ATTRIBUTE;

    @Override
    public TokenPostProcessor create(KeycloakSession session) {
        return new LaunchContextBinding(session);
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }
}
