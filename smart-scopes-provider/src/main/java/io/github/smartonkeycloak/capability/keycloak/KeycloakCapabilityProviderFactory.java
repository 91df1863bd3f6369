package io.github.smartonkeycloak.capability.keycloak;

import java.util.Map;

import io.github.smartonkeycloak.capability.SmartCapabilityProvider;
import io.github.smartonkeycloak.capability.SmartCapabilityProviderFactory;
import io.github.smartonkeycloak.common.OperationalInfo;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ServerInfoAwareProviderFactory;

public final class KeycloakCapabilityProviderFactory
        implements SmartCapabilityProviderFactory, ServerInfoAwareProviderFactory {

    public static final String PROVIDER_ID = "smart-keycloak-capabilities";

    @Override
    public SmartCapabilityProvider create(KeycloakSession session) {
        return new KeycloakCapabilityProvider(session);
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
