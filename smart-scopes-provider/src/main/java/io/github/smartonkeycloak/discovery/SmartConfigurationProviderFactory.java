package io.github.smartonkeycloak.discovery;

import io.github.smartonkeycloak.common.SmartProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.wellknown.WellKnownProvider;
import org.keycloak.wellknown.WellKnownProviderFactory;

/** Serves {@code GET /realms/{realm}/.well-known/smart-configuration}. */
public final class SmartConfigurationProviderFactory implements WellKnownProviderFactory, SmartProviderFactory<WellKnownProvider> {

    public static final String PROVIDER_ID = "smart-configuration";

    @Override
    public WellKnownProvider create(KeycloakSession session) {
        return new SmartConfigurationProvider(session);
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }
}
