package io.github.smartonkeycloak.launch.capability;

import java.util.HashSet;
import java.util.Set;

import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.AuthenticationFlowModel;
import org.keycloak.models.RealmModel;

/** The authenticators the realm's browser flow runs (enabled ones, in every sub-flow). */
final class BrowserFlowSteps {

    private BrowserFlowSteps() {
    }

    static Set<String> of(RealmModel realm) {
        Set<String> steps = new HashSet<>();
        AuthenticationFlowModel flow = realm.getBrowserFlow();
        if (flow != null) {
            collect(realm, flow.getId(), steps, new HashSet<>());
        }
        return steps;
    }

    private static void collect(RealmModel realm, String flowId, Set<String> steps, Set<String> visited) {
        if (!visited.add(flowId)) {
            return;
        }
        realm.getAuthenticationExecutionsStream(flowId)
                .filter(execution -> execution.getRequirement() != AuthenticationExecutionModel.Requirement.DISABLED)
                .forEach(execution -> {
                    if (execution.isAuthenticatorFlow()) {
                        collect(realm, execution.getFlowId(), steps, visited);
                    } else if (execution.getAuthenticator() != null) {
                        steps.add(execution.getAuthenticator());
                    }
                });
    }
}
