package io.github.smartonkeycloak.capability;

import io.github.smartonkeycloak.common.SmartProviderFactory;
import org.keycloak.models.KeycloakSession;

public final class SmartClientCapabilityProviderFactory
        implements SmartCapabilityProviderFactory, SmartProviderFactory<SmartCapabilityProvider> {

    public static final String PROVIDER_ID = "smart-client-capabilities";

    @Override
    public SmartCapabilityProvider create(KeycloakSession session) {
        return new SmartClientCapabilityProvider(session);
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }
}
