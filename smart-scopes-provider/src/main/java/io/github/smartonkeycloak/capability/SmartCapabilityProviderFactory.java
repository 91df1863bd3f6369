package io.github.smartonkeycloak.capability;

import org.keycloak.provider.ProviderFactory;

public interface SmartCapabilityProviderFactory extends ProviderFactory<SmartCapabilityProvider> {
}
