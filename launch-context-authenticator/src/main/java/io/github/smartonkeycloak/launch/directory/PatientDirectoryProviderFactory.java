package io.github.smartonkeycloak.launch.directory;

import org.keycloak.provider.ProviderFactory;

/** Makes the {@link PatientDirectoryProvider} of one request; holds whatever its providers share across requests. */
public interface PatientDirectoryProviderFactory extends ProviderFactory<PatientDirectoryProvider> {
}
