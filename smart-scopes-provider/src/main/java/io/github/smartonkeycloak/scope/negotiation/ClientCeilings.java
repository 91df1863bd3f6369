package io.github.smartonkeycloak.scope.negotiation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import io.github.smartonkeycloak.core.scope.ResourceScope;
import io.github.smartonkeycloak.core.scope.SmartScopeParser;
import org.keycloak.models.ClientModel;
import org.keycloak.models.ClientScopeModel;

/**
 * The SMART resource scopes a client may have: the client scopes assigned to it (default or optional) whose names
 * are SMART resource scopes, such as {@code patient/*.rs}. They are ceilings, not grants: an app gets what it asks for
 * as far as a ceiling allows, and never a ceiling it did not ask for.
 */
final class ClientCeilings {

    private final List<ResourceScope> scopes;
    private final List<ClientScopeModel> models;

    private ClientCeilings(List<ResourceScope> scopes, List<ClientScopeModel> models) {
        this.scopes = scopes;
        this.models = models;
    }

    static ClientCeilings of(ClientModel client) {
        List<ClientScopeModel> assigned = new ArrayList<>();
        addAll(assigned, client.getClientScopes(true));
        addAll(assigned, client.getClientScopes(false));
        assigned.sort(Comparator.comparing(ClientScopeModel::getName));
        List<ResourceScope> scopes = new ArrayList<>();
        List<ClientScopeModel> models = new ArrayList<>();
        for (ClientScopeModel model : assigned) {
            SmartScopeParser.resourceScope(model.getName()).ifPresent(scope -> {
                scopes.add(scope);
                models.add(model);
            });
        }
        return new ClientCeilings(List.copyOf(scopes), List.copyOf(models));
    }

    private static void addAll(List<ClientScopeModel> target, Map<String, ClientScopeModel> scopes) {
        if (scopes != null) {
            target.addAll(scopes.values());
        }
    }

    List<ResourceScope> scopes() {
        return scopes;
    }

    ClientScopeModel model(int index) {
        return models.get(index);
    }

    boolean isCeiling(ClientScopeModel model) {
        return model != null && models.stream().anyMatch(ceiling -> ceiling.getId().equals(model.getId()));
    }
}
