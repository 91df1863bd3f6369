package io.github.smartonkeycloak.launch.resourceserver;

import io.github.smartonkeycloak.common.SmartTokenPostProcessorFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.protocol.oidc.token.TokenPostProcessor;

public final class ResourceServerProfileShapingFactory implements SmartTokenPostProcessorFactory {

    public static final String PROVIDER_ID = "smart-resource-server-profile";

    @Override
    public TokenPostProcessor create(KeycloakSession session) {
        return new ResourceServerProfileShaping();
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    /** After the launch-context binding (higher orders run first), which puts the patient into the token. */
    @Override
    public int order() {
        return -200;
    }
}
