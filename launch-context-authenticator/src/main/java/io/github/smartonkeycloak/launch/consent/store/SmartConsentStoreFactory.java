package io.github.smartonkeycloak.launch.consent.store;

import org.keycloak.provider.ProviderFactory;

/** Makes the {@link SmartConsentStore} of one request; holds what its stores share across requests. */
public interface SmartConsentStoreFactory extends ProviderFactory<SmartConsentStore> {
}
