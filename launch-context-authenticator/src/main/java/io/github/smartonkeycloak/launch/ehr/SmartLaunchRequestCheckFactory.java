package io.github.smartonkeycloak.launch.ehr;

import io.github.smartonkeycloak.common.SmartProviderFactory;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.protocol.oidc.endpoints.AuthorizationEndpointCheckProvider;
import org.keycloak.protocol.oidc.endpoints.AuthorizationEndpointCheckProviderFactory;

public final class SmartLaunchRequestCheckFactory implements AuthorizationEndpointCheckProviderFactory,
        SmartProviderFactory<AuthorizationEndpointCheckProvider> {

    public static final String PROVIDER_ID = "smart-launch-check";

    @Override
    public AuthorizationEndpointCheckProvider create(KeycloakSession session) {
        return new SmartLaunchRequestCheck(session);
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
