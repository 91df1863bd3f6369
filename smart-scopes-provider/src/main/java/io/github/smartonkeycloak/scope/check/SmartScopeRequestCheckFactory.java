package io.github.smartonkeycloak.scope.check;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import io.github.smartonkeycloak.common.OperationalInfo;
import io.github.smartonkeycloak.common.SmartProviderFactory;
import io.github.smartonkeycloak.scope.negotiation.ScopeEngine;
import org.jboss.logging.Logger;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.protocol.oidc.endpoints.AuthorizationEndpointCheckProvider;
import org.keycloak.protocol.oidc.endpoints.AuthorizationEndpointCheckProviderFactory;

/**
 * Also the pack's start-up self-test of its scope engine: this factory is loaded whether or not the pack's parser
 * won, so it is the one that can tell. The result is logged once and shown as the provider's operational info.
 */
public final class SmartScopeRequestCheckFactory implements AuthorizationEndpointCheckProviderFactory,
        SmartProviderFactory<AuthorizationEndpointCheckProvider> {

    public static final String PROVIDER_ID = "smart-scope-check";
    /** Operational-info key of the self-test's result. */
    public static final String SCOPE_ENGINE = "SMART scope engine";
    public static final String ACTIVE = "active";

    private static final Logger LOG = Logger.getLogger(SmartScopeRequestCheckFactory.class);

    private SmartScopeRequestCheck check = new SmartScopeRequestCheck(Optional.empty());
    private Optional<String> engineProblem = Optional.empty();

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        engineProblem = ScopeEngine.problem(factory);
        engineProblem.ifPresent(problem -> LOG.errorf("SMART scope requests will be refused: %s", problem));
        check = new SmartScopeRequestCheck(engineProblem);
    }

    @Override
    public AuthorizationEndpointCheckProvider create(KeycloakSession session) {
        return check;
    }

    @Override
    public boolean isSupported(Config.Scope config) {
        return true;
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public Map<String, String> getOperationalInfo() {
        Map<String, String> info = new LinkedHashMap<>(OperationalInfo.of(getClass()));
        info.put(SCOPE_ENGINE, engineProblem.orElse(ACTIVE));
        return info;
    }
}
