package io.github.smartonkeycloak.capability;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import io.github.smartonkeycloak.core.resourceserver.ResourceServerProfile;
import io.github.smartonkeycloak.core.scope.ResourceScope;
import io.github.smartonkeycloak.core.scope.ScopeContext;
import io.github.smartonkeycloak.core.scope.SmartScopeParser;
import io.github.smartonkeycloak.core.settings.SmartRealmSettings;
import io.github.smartonkeycloak.core.uscore.UsCoreScopes;
import io.github.smartonkeycloak.scope.negotiation.ScopeEngine;
import org.keycloak.models.ClientScopeModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * SMART scope capabilities, where they really work: v1 and v2 scopes need the negotiating parser to be the one
 * Keycloak uses (the {@code parameterized-scopes} feature on, this pack's parser chosen), and patient or user scopes
 * need the realm to have at least one {@code patient/} or {@code user/} ceiling client scope. The US Core scopes those
 * ceilings cover go to {@code scopes_supported}.
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
        if (!v1Only(realm)) {
            capabilities.add(SmartCapability.PERMISSION_V2);
        }
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

    /**
     * US Core 7's scopes (resource-level and granular) that the realm's advertised ceilings cover: US Core makes
     * listing them a SHALL. Only ceilings the admin shows in the provider metadata count, as for Keycloak's own list.
     */
    @Override
    public Set<String> scopesSupported(RealmModel realm) {
        if (!negotiationActive()) {
            return Set.of();
        }
        List<ResourceScope> ceilings = realm.getClientScopesStream()
                .filter(ClientScopeModel::isIncludeInOpenIDProviderMetadata)
                .map(scope -> SmartScopeParser.resourceScope(scope.getName()))
                .flatMap(Optional::stream)
                .toList();
        return UsCoreScopes.supportedUnder(ceilings, v1Only(realm));
    }

    /**
     * Whether every FHIR server of the realm takes SMART v1 only (the {@code google} profile): the negotiation then
     * answers in v1 and refuses what v1 cannot say, so v2 is not advertised. A client's own profile does not count:
     * discovery speaks for the realm.
     */
    private static boolean v1Only(RealmModel realm) {
        SmartRealmSettings settings = SmartRealmSettings.of(realm.getAttributes());
        return settings.resourceServerProfiles().forToken(settings.fhirBaseUrls(), null) == ResourceServerProfile.GOOGLE;
    }

    private boolean negotiationActive() {
        return ScopeEngine.problem(session.getKeycloakSessionFactory()).isEmpty();
    }

}
