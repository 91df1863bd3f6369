package io.github.smartonkeycloak.capability;

import org.keycloak.provider.Provider;
import org.keycloak.provider.ProviderFactory;
import org.keycloak.provider.Spi;

/**
 * The pack's own SPI: each module registers a {@link SmartCapabilityProviderFactory} for what it adds, and the
 * discovery document collects them.
 */
public final class SmartCapabilitySpi implements Spi {

    public static final String SPI_NAME = "smart-capability";

    @Override
    public boolean isInternal() {
        return false;
    }

    @Override
    public String getName() {
        return SPI_NAME;
    }

    @Override
    public Class<? extends Provider> getProviderClass() {
        return SmartCapabilityProvider.class;
    }

    @Override
    public Class<? extends ProviderFactory> getProviderFactoryClass() {
        return SmartCapabilityProviderFactory.class;
    }
}
