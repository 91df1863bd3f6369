package io.github.smartonkeycloak.capability;

import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import io.github.smartonkeycloak.core.scope.ScopeContext;
import io.github.smartonkeycloak.core.scope.SmartScopeParser;
import io.github.smartonkeycloak.scope.negotiation.ScopeEngine;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * SMART scope capabilities, where they really work: v1 and v2 scopes need the negotiating parser to be the one
 * Keycloak uses (the {@code parameterized-scopes} feature on, this pack's parser chosen), and patient or user scopes
 * need the realm to have at least one {@code patient/} or {@code user/} ceiling client scope.
 */
final class SmartScopeCapabilityProvider implements SmartCapabilityProvider {

    private final KeycloakSession session;

    SmartScopeCapabilityProvider(KeycloakSession session) {
        this.session = session;
    }

    @Override
    public Set<String> capabilities(RealmModel realm) {
        Set<String> capabilities = new TreeSet<>();
        if (!negotiationActive()) {
            return capabilities;
        }
        capabilities.add(SmartCapability.PERMISSION_V1);
        capabilities.add(SmartCapability.PERMISSION_V2);
        realm.getClientScopesStream()
                .map(scope -> SmartScopeParser.resourceScope(scope.getName()))
                .flatMap(Optional::stream)
                .forEach(ceiling -> {
                    if (ceiling.context() == ScopeContext.PATIENT) {
                        capabilities.add(SmartCapability.PERMISSION_PATIENT);
                    } else if (ceiling.context() == ScopeContext.USER) {
                        capabilities.add(SmartCapability.PERMISSION_USER);
                    }
                });
        return capabilities;
    }

    private boolean negotiationActive() {
        return ScopeEngine.problem(session.getKeycloakSessionFactory()).isEmpty();
    }

}
