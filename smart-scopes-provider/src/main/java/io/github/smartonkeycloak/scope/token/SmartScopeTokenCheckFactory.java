package io.github.smartonkeycloak.scope.token;

import java.util.Optional;

import io.github.smartonkeycloak.common.SmartTokenPostProcessorFactory;
import io.github.smartonkeycloak.scope.negotiation.ScopeEngine;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.protocol.oidc.token.TokenPostProcessor;

public final class SmartScopeTokenCheckFactory implements SmartTokenPostProcessorFactory {

    public static final String PROVIDER_ID = "smart-scope-token-check";

    /** Checked once: providers and features are fixed for the life of the server. */
    private Optional<String> engineProblem = Optional.empty();

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        engineProblem = ScopeEngine.problem(factory);
    }

    @Override
    public TokenPostProcessor create(KeycloakSession session) {
        return new SmartScopeTokenCheck(session, engineProblem);
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }
}
