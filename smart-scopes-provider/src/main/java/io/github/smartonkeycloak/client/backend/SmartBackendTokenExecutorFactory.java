package io.github.smartonkeycloak.client.backend;

import java.util.List;

import io.github.smartonkeycloak.common.SmartProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;
import org.keycloak.services.clientpolicy.executor.ClientPolicyExecutorProvider;
import org.keycloak.services.clientpolicy.executor.ClientPolicyExecutorProviderFactory;

public final class SmartBackendTokenExecutorFactory
        implements ClientPolicyExecutorProviderFactory, SmartProviderFactory<ClientPolicyExecutorProvider> {

    public static final String PROVIDER_ID = "smart-backend-token";

    @Override
    public ClientPolicyExecutorProvider create(KeycloakSession session) {
        return new SmartBackendTokenExecutor();
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getHelpText() {
        return "Caps the lifetime of client_credentials (SMART backend services) access tokens.";
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return ProviderConfigurationBuilder.create()
                .property().name(SmartBackendTokenConfig.MAX_LIFESPAN).type(ProviderConfigProperty.INTEGER_TYPE)
                .label("Maximum access token lifespan")
                .helpText("Seconds a client_credentials access token lives at most.")
                .defaultValue(SmartBackendTokenConfig.DEFAULT_MAX_LIFESPAN_SECONDS).add()
                .build();
    }
}
