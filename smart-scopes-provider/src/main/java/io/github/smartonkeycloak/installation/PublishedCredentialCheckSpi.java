package io.github.smartonkeycloak.installation;

import org.keycloak.provider.Provider;
import org.keycloak.provider.ProviderFactory;
import org.keycloak.provider.Spi;

/**
 * An SPI of its own for the one check, so that it runs on every server with the pack, whatever the realms are set
 * up to use, and shows nowhere an admin could pick it by mistake (an event listener would be offered per realm).
 */
public final class PublishedCredentialCheckSpi implements Spi {

    public static final String SPI_NAME = "smart-published-credentials";

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
        return PublishedCredentialCheck.class;
    }

    @Override
    public Class<? extends ProviderFactory> getProviderFactoryClass() {
        return PublishedCredentialCheckFactory.class;
    }
}
