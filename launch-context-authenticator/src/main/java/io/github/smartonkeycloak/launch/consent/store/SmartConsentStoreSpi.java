package io.github.smartonkeycloak.launch.consent.store;

import org.keycloak.provider.Provider;
import org.keycloak.provider.ProviderFactory;
import org.keycloak.provider.Spi;

/**
 * The pack's SPI for where SMART consent records live: {@code keycloak} (Keycloak's own consent only, the default)
 * and {@code fhir} (FHIR {@code Consent} resources). Server options of a provider go as
 * {@code spi-smart-consent-store--<provider>--<option>}.
 */
public final class SmartConsentStoreSpi implements Spi {

    public static final String SPI_NAME = "smart-consent-store";

    @Override
    public boolean isInternal() {
        return true;
    }

    @Override
    public String getName() {
        return SPI_NAME;
    }

    @Override
    public Class<? extends Provider> getProviderClass() {
        return SmartConsentStore.class;
    }

    @Override
    public Class<? extends ProviderFactory> getProviderFactoryClass() {
        return SmartConsentStoreFactory.class;
    }
}
