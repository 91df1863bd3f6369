package io.github.smartonkeycloak.client.assertion;

import java.util.List;

import io.github.smartonkeycloak.common.SmartProviderFactory;
import io.github.smartonkeycloak.core.client.ClientAssertionRules;
import org.keycloak.models.KeycloakSession;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;
import org.keycloak.services.clientpolicy.executor.ClientPolicyExecutorProvider;
import org.keycloak.services.clientpolicy.executor.ClientPolicyExecutorProviderFactory;

public final class SmartClientAssertionExecutorFactory
        implements ClientPolicyExecutorProviderFactory, SmartProviderFactory<ClientPolicyExecutorProvider> {

    public static final String PROVIDER_ID = "smart-client-assertion";

    @Override
    public ClientPolicyExecutorProvider create(KeycloakSession session) {
        return new SmartClientAssertionExecutor(session);
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getHelpText() {
        return "SMART Backend Services rules for private_key_jwt client assertions: up to 5 minutes of lifetime "
                + "without iat, no exp further ahead, a jku header only if it is the registered JWKS URL.";
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return ProviderConfigurationBuilder.create()
                .property().name(SmartClientAssertionConfig.MAX_LIFETIME).type(ProviderConfigProperty.INTEGER_TYPE)
                .label("Maximum assertion lifetime")
                .helpText("Seconds an assertion's exp may lie ahead; also set as the client attribute "
                        + "token.endpoint.auth.signing.max.exp on clients that have none.")
                .defaultValue(ClientAssertionRules.DEFAULT_MAX_LIFETIME_SECONDS).add()
                .property().name(SmartClientAssertionConfig.AUTO_CONFIGURE).type(ProviderConfigProperty.BOOLEAN_TYPE)
                .label("Auto-configure").helpText("Set the assertion lifetime on clients registered or updated "
                        + "without one.")
                .defaultValue(true).add()
                .build();
    }
}
