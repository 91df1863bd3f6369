package io.github.smartonkeycloak.scope.token;

import java.util.Map;

import io.github.smartonkeycloak.common.OperationalInfo;
import org.keycloak.models.KeycloakSession;
import org.keycloak.protocol.oidc.token.TokenPostProcessor;
import org.keycloak.protocol.oidc.token.TokenPostProcessorFactory;
import org.keycloak.provider.ServerInfoAwareProviderFactory;

public final class SmartScopeTokenCheckFactory implements TokenPostProcessorFactory, ServerInfoAwareProviderFactory {

    public static final String PROVIDER_ID = "smart-scope-token-check";

    @Override
    public TokenPostProcessor create(KeycloakSession session) {
        return new SmartScopeTokenCheck(session);
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
