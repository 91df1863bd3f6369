package io.github.smartonkeycloak.capability;

import io.github.smartonkeycloak.common.SmartProviderFactory;
import org.keycloak.models.KeycloakSession;

public final class KeycloakCapabilityProviderFactory
        implements SmartCapabilityProviderFactory, SmartProviderFactory<SmartCapabilityProvider> {

    public static final String PROVIDER_ID = "smart-keycloak-capabilities";

    @Override
    public SmartCapabilityProvider create(KeycloakSession session) {
        return new KeycloakCapabilityProvider(session);
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }
}
