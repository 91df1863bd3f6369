package io.github.smartonkeycloak.launch.directory;

import org.keycloak.provider.Provider;
import org.keycloak.provider.ProviderFactory;
import org.keycloak.provider.Spi;

/**
 * The pack's SPI for where the login pages find patients: {@link PatientDirectoryProvider}s. The pack ships one,
 * {@value FhirPatientDirectoryFactory#PROVIDER_ID} (the realm's FHIR server). Internal: the interface may change with
 * the pack; a deployer who plugs in their own patient index does so knowing that.
 */
public final class PatientDirectorySpi implements Spi {

    public static final String SPI_NAME = "smart-patient-directory";

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
        return PatientDirectoryProvider.class;
    }

    @Override
    public Class<? extends ProviderFactory> getProviderFactoryClass() {
        return PatientDirectoryProviderFactory.class;
    }
}
