package io.github.smartonkeycloak.capability;

import java.util.Set;

import org.keycloak.models.RealmModel;
import org.keycloak.provider.Provider;

/**
 * A part of the pack that vouches for SMART capabilities. The discovery document lists exactly the union of what
 * the deployed providers return for the realm at the time of the request, so a capability appears only where its
 * provider is installed and the realm is set up for it.
 */
public interface SmartCapabilityProvider extends Provider {

    /** SMART capability names (see {@link SmartCapability}) this provider supports in the realm right now. */
    Set<String> capabilities(RealmModel realm);

    /** Scopes this provider lets clients request in the realm, for {@code scopes_supported}. */
    default Set<String> scopesSupported(RealmModel realm) {
        return Set.of();
    }

    @Override
    default void close() {
    }
}
