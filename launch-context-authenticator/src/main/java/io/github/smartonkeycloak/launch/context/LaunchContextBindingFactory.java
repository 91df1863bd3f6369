package io.github.smartonkeycloak.launch.context;

import java.util.Map;

import io.github.smartonkeycloak.common.OperationalInfo;
import org.keycloak.models.KeycloakSession;
import org.keycloak.protocol.oidc.token.TokenPostProcessor;
import org.keycloak.protocol.oidc.token.TokenPostProcessorFactory;
import org.keycloak.provider.ServerInfoAwareProviderFactory;

public final class LaunchContextBindingFactory implements TokenPostProcessorFactory, ServerInfoAwareProviderFactory {

    public static final String PROVIDER_ID = "smart-launch-context-binding";
    /** Where the mapper reads the context; kept here so the mapper package needs no access to the binding. */
    public static final String CONTEXT_ATTRIBUTE = LaunchContextBinding.ATTRIBUTE;

    @Override
    public TokenPostProcessor create(KeycloakSession session) {
        return new LaunchContextBinding(session);
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
