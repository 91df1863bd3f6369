package io.github.smartonkeycloak.common;

import org.keycloak.Config;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.protocol.oidc.token.TokenPostProcessor;
import org.keycloak.protocol.oidc.token.TokenPostProcessorFactory;

/**
 * {@link SmartProviderFactory} for token post-processors: Keycloak's interface brings its own empty lifecycle
 * defaults, and Java makes a class that inherits both pick one; this picks ours once for every such factory.
 */
public interface SmartTokenPostProcessorFactory extends TokenPostProcessorFactory, SmartProviderFactory<TokenPostProcessor> {

    @Override
    default void init(Config.Scope config) {
        SmartProviderFactory.super.init(config);
    }

    @Override
    default void postInit(KeycloakSessionFactory factory) {
        SmartProviderFactory.super.postInit(factory);
    }

    @Override
    default void close() {
        SmartProviderFactory.super.close();
    }
}
