package io.github.smartonkeycloak.client.rotation;

import io.github.smartonkeycloak.common.SmartProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.protocol.oidc.refresh.RefreshTokenProvider;
import org.keycloak.protocol.oidc.refresh.RefreshTokenProviderFactory;

/**
 * Keycloak asks its refresh-token providers in descending {@link #order()} and takes the first that supports the
 * token. This one supports what Keycloak's {@code default} provider supports (order 0) and stays below more specific
 * ones such as Keycloak's OID4VCI provider (order 10), so it handles every ordinary refresh in every realm; it changes
 * nothing where the realm does not rotate refresh tokens.
 */
public final class SmartTokenFamilyFactory
        implements RefreshTokenProviderFactory, SmartProviderFactory<RefreshTokenProvider> {

    public static final String PROVIDER_ID = "smart-token-family";
    static final int ORDER = 5;

    @Override
    public RefreshTokenProvider create(KeycloakSession session) {
        return new SmartTokenFamily(session);
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public int order() {
        return ORDER;
    }
}
