package io.github.smartonkeycloak.capability;

import java.util.Set;
import java.util.TreeSet;

import io.github.smartonkeycloak.client.assertion.SmartClientAssertionExecutorFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.representations.idm.ClientPoliciesRepresentation;
import org.keycloak.representations.idm.ClientPolicyRepresentation;
import org.keycloak.representations.idm.ClientProfileRepresentation;
import org.keycloak.representations.idm.ClientProfilesRepresentation;
import org.keycloak.services.clientpolicy.ClientPolicyException;

/**
 * Client capabilities that depend on the realm: asymmetric client authentication only where an enabled client
 * policy runs the pack's assertion rules (without them Keycloak refuses the assertions SMART apps send), and online
 * access where the realm has the {@code online_access} scope.
 */
final class SmartClientCapabilityProvider implements SmartCapabilityProvider {

    private static final String ONLINE_ACCESS = "online_access";

    private final KeycloakSession session;

    SmartClientCapabilityProvider(KeycloakSession session) {
        this.session = session;
    }

    @Override
    public Set<String> capabilities(RealmModel realm) {
        Set<String> capabilities = new TreeSet<>();
        if (realmRunsAssertionRules(realm)) {
            capabilities.add(SmartCapability.CLIENT_CONFIDENTIAL_ASYMMETRIC);
        }
        if (realm.getClientScopesStream().anyMatch(scope -> ONLINE_ACCESS.equals(scope.getName()))) {
            capabilities.add(SmartCapability.PERMISSION_ONLINE);
        }
        return capabilities;
    }

    private boolean realmRunsAssertionRules(RealmModel realm) {
        try {
            ClientPoliciesRepresentation policies = session.clientPolicy().getClientPolicies(realm, true);
            ClientProfilesRepresentation profiles = session.clientPolicy().getClientProfiles(realm, true);
            if (policies == null || policies.getPolicies() == null || profiles == null
                    || profiles.getProfiles() == null) {
                return false;
            }
            return policies.getPolicies().stream()
                    .filter(policy -> Boolean.TRUE.equals(policy.isEnabled()) && policy.getProfiles() != null)
                    .flatMap(policy -> policy.getProfiles().stream())
                    .anyMatch(name -> profiles.getProfiles().stream()
                            .filter(profile -> name.equals(profile.getName()))
                            .anyMatch(SmartClientCapabilityProvider::runsAssertionRules));
        } catch (ClientPolicyException e) {
            return false;
        }
    }

    private static boolean runsAssertionRules(ClientProfileRepresentation profile) {
        return profile.getExecutors() != null && profile.getExecutors().stream()
                .anyMatch(executor -> SmartClientAssertionExecutorFactory.PROVIDER_ID.equals(executor.getExecutorProviderId()));
    }
}
