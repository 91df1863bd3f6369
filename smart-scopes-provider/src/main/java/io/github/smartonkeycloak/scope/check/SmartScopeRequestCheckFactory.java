package io.github.smartonkeycloak.scope.check;

import io.github.smartonkeycloak.common.SmartProviderFactory;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.protocol.oidc.endpoints.AuthorizationEndpointCheckProvider;
import org.keycloak.protocol.oidc.endpoints.AuthorizationEndpointCheckProviderFactory;

public final class SmartScopeRequestCheckFactory implements AuthorizationEndpointCheckProviderFactory,
        SmartProviderFactory<AuthorizationEndpointCheckProvider> {

    public static final String PROVIDER_ID = "smart-scope-check";

    private static final SmartScopeRequestCheck SINGLETON = new SmartScopeRequestCheck();

    @Override
    public AuthorizationEndpointCheckProvider create(KeycloakSession session) {
        return SINGLETON;
    }

    @Override
    public boolean isSupported(Config.Scope config) {
        return true;
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }
}
