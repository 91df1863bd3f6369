package io.github.smartonkeycloak.launch.consent.introspection;

import java.util.List;

import io.github.smartonkeycloak.common.SmartProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.services.clientpolicy.executor.ClientPolicyExecutorProvider;
import org.keycloak.services.clientpolicy.executor.ClientPolicyExecutorProviderFactory;

public final class ConsentIntrospectionExecutorFactory
        implements ClientPolicyExecutorProviderFactory, SmartProviderFactory<ClientPolicyExecutorProvider> {

    public static final String PROVIDER_ID = "smart-consent-introspection";

    @Override
    public ClientPolicyExecutorProvider create(KeycloakSession session) {
        return new ConsentIntrospectionExecutor(session);
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getHelpText() {
        return "Introspection answers inactive for a SMART grant whose FHIR Consent is withdrawn or cannot be read"
                + " (realms with smart.consentStore=fhir).";
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return List.of();
    }
}
