package io.github.smartonkeycloak.launch.capability;

import io.github.smartonkeycloak.capability.SmartCapabilityProvider;
import io.github.smartonkeycloak.capability.SmartCapabilityProviderFactory;
import io.github.smartonkeycloak.common.SmartProviderFactory;
import org.keycloak.models.KeycloakSession;

public final class LaunchCapabilityProviderFactory implements SmartCapabilityProviderFactory,
        SmartProviderFactory<SmartCapabilityProvider> {

    public static final String PROVIDER_ID = "smart-launch-capabilities";

    private static final LaunchCapabilityProvider SINGLETON = new LaunchCapabilityProvider();

    @Override
    public SmartCapabilityProvider create(KeycloakSession session) {
        return SINGLETON;
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }
}
