package io.github.smartonkeycloak.capability;

import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

import org.keycloak.OAuth2Constants;
import org.keycloak.authentication.ClientAuthenticator;
import org.keycloak.authentication.authenticators.client.ClientIdAndSecretAuthenticator;
import org.keycloak.models.ClientScopeModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.protocol.oidc.OIDCLoginProtocol;

/**
 * What stock Keycloak already does the SMART way, checked against the realm: public clients, client secrets, and
 * offline access where the realm still has Keycloak's {@code offline_access} scope and role.
 */
final class KeycloakCapabilityProvider implements SmartCapabilityProvider {

    private final KeycloakSession session;

    KeycloakCapabilityProvider(KeycloakSession session) {
        this.session = session;
    }

    @Override
    public Set<String> capabilities(RealmModel realm) {
        Set<String> capabilities = new TreeSet<>();
        capabilities.add(SmartCapability.CLIENT_PUBLIC);
        if (session.getKeycloakSessionFactory().getProviderFactory(ClientAuthenticator.class,
                ClientIdAndSecretAuthenticator.PROVIDER_ID) != null) {
            capabilities.add(SmartCapability.CLIENT_CONFIDENTIAL_SYMMETRIC);
        }
        if (hasOfflineAccess(realm)) {
            capabilities.add(SmartCapability.PERMISSION_OFFLINE);
        }
        return capabilities;
    }

    /** {@code openid} plus the realm's OpenID Connect client scopes that the admin marked for provider metadata. */
    @Override
    public Set<String> scopesSupported(RealmModel realm) {
        Set<String> scopes = new LinkedHashSet<>();
        scopes.add(OAuth2Constants.SCOPE_OPENID);
        realm.getClientScopesStream()
                .filter(scope -> Objects.equals(OIDCLoginProtocol.LOGIN_PROTOCOL, scope.getProtocol()))
                .filter(ClientScopeModel::isIncludeInOpenIDProviderMetadata)
                .map(ClientScopeModel::getName)
                .sorted()
                .forEach(scopes::add);
        return scopes;
    }

    private static boolean hasOfflineAccess(RealmModel realm) {
        boolean scopeExists = realm.getClientScopesStream()
                .anyMatch(scope -> OAuth2Constants.OFFLINE_ACCESS.equals(scope.getName()));
        return scopeExists && realm.getRole(OAuth2Constants.OFFLINE_ACCESS) != null;
    }
}
