package io.github.smartonkeycloak.common;

import java.util.Map;

import org.keycloak.Config;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.Provider;
import org.keycloak.provider.ProviderFactory;
import org.keycloak.provider.ServerInfoAwareProviderFactory;

/**
 * What every factory of the pack shares: no server-wide lifecycle work unless it says otherwise, and its version on
 * the admin console's "Provider info" page.
 */
public interface SmartProviderFactory<T extends Provider> extends ProviderFactory<T>, ServerInfoAwareProviderFactory {

    @Override
    default void init(Config.Scope config) {
    }

    @Override
    default void postInit(KeycloakSessionFactory factory) {
    }

    @Override
    default void close() {
    }

    @Override
    default Map<String, String> getOperationalInfo() {
        return OperationalInfo.of(getClass());
    }
}
