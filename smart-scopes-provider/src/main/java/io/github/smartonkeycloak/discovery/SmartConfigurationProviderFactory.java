package io.github.smartonkeycloak.discovery;

import java.util.Map;

import io.github.smartonkeycloak.common.OperationalInfo;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ServerInfoAwareProviderFactory;
import org.keycloak.wellknown.WellKnownProvider;
import org.keycloak.wellknown.WellKnownProviderFactory;

/** Serves {@code GET /realms/{realm}/.well-known/smart-configuration}. */
public final class SmartConfigurationProviderFactory implements WellKnownProviderFactory, ServerInfoAwareProviderFactory {

    public static final String PROVIDER_ID = "smart-configuration";

    @Override
    public WellKnownProvider create(KeycloakSession session) {
        return new SmartConfigurationProvider(session);
    }

    @Override
    public void init(Config.Scope config) {
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
    }

    @Override
    public void close() {
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public Map<String, String> getOperationalInfo() {
        return OperationalInfo.of(getClass());
    }
}
