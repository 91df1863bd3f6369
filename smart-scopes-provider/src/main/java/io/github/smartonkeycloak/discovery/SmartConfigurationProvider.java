package io.github.smartonkeycloak.discovery;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import io.github.smartonkeycloak.capability.SmartCapabilityProvider;
import io.github.smartonkeycloak.core.settings.SmartRealmSettings;
import jakarta.ws.rs.core.UriBuilder;
import jakarta.ws.rs.core.UriInfo;
import org.keycloak.OAuth2Constants;
import org.keycloak.authentication.ClientAuthenticator;
import org.keycloak.authentication.ClientAuthenticatorFactory;
import org.keycloak.crypto.ClientSignatureVerifierProvider;
import org.keycloak.models.ClientModel;
import org.keycloak.models.Constants;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.protocol.oidc.OIDCLoginProtocol;
import org.keycloak.protocol.oidc.OIDCLoginProtocolService;
import org.keycloak.protocol.oidc.endpoints.TokenEndpoint;
import org.keycloak.protocol.oidc.grants.OAuth2GrantType;
import org.keycloak.provider.ProviderFactory;
import org.keycloak.services.Urls;
import org.keycloak.services.clientregistration.ClientRegistrationService;
import org.keycloak.services.clientregistration.oidc.OIDCClientRegistrationProviderFactory;
import org.keycloak.services.resources.RealmsResource;
import org.keycloak.urls.UrlType;
import org.keycloak.wellknown.WellKnownProvider;

/**
 * Builds the realm's SMART configuration on every request from what the realm and the server offer at that moment:
 * the endpoint URLs as Keycloak's OpenID discovery computes them, and the capabilities and scopes that the deployed
 * {@link SmartCapabilityProvider}s vouch for.
 */
final class SmartConfigurationProvider implements WellKnownProvider {

    /** Grant types a SMART app can use; Keycloak's others (password, device, CIBA, ...) are not SMART's business. */
    private static final List<String> SMART_GRANT_TYPES = List.of(
            OAuth2Constants.AUTHORIZATION_CODE, OAuth2Constants.CLIENT_CREDENTIALS, OAuth2Constants.REFRESH_TOKEN);

    /** The client authentication methods SMART 2.2 names for the token endpoint. */
    private static final List<String> SMART_AUTH_METHODS = List.of(
            OIDCLoginProtocol.CLIENT_SECRET_BASIC, OIDCLoginProtocol.CLIENT_SECRET_POST, OIDCLoginProtocol.PRIVATE_KEY_JWT);

    private final KeycloakSession session;

    SmartConfigurationProvider(KeycloakSession session) {
        this.session = session;
    }

    @Override
    public Object getConfig() {
        RealmModel realm = session.getContext().getRealm();
        SmartRealmSettings config = SmartRealmSettings.of(realm.getAttributes());
        UriInfo frontend = session.getContext().getUri(UrlType.FRONTEND);
        UriInfo backend = session.getContext().getUri(UrlType.BACKEND);
        String realmName = realm.getName();
        String protocol = OIDCLoginProtocol.LOGIN_PROTOCOL;
        UriBuilder frontendProtocol = RealmsResource.protocolUrl(frontend);
        UriBuilder backendProtocol = RealmsResource.protocolUrl(backend);

        SmartConfiguration.Builder document = SmartConfiguration.builder()
                .issuer(Urls.realmIssuer(frontend.getBaseUri(), realmName))
                .jwksUri(backendProtocol.clone().path(OIDCLoginProtocolService.class, "certs")
                        .build(realmName, protocol).toString())
                .authorizationEndpoint(frontendProtocol.clone().path(OIDCLoginProtocolService.class, "auth")
                        .build(realmName, protocol).toString())
                .tokenEndpoint(backendProtocol.clone().path(OIDCLoginProtocolService.class, "token")
                        .build(realmName, protocol).toString())
                .introspectionEndpoint(backendProtocol.clone().path(OIDCLoginProtocolService.class, "token")
                        .path(TokenEndpoint.class, "introspect").build(realmName, protocol).toString())
                .revocationEndpoint(frontendProtocol.clone().path(OIDCLoginProtocolService.class, "revoke")
                        .build(realmName, protocol).toString())
                .grantTypes(supported(OAuth2GrantType.class, SMART_GRANT_TYPES))
                .tokenEndpointAuthMethods(clientAuthMethods())
                .tokenEndpointAuthSigningAlgs(asymmetricClientSigningAlgorithms())
                .withhold(config.withheldCapabilities());

        if (config.advertiseRegistrationEndpoint()) {
            document.registrationEndpoint(RealmsResource.clientRegistrationUrl(backend)
                    .path(ClientRegistrationService.class, "provider")
                    .build(realmName, OIDCClientRegistrationProviderFactory.ID).toString());
        }
        ClientModel account = realm.getClientByClientId(Constants.ACCOUNT_MANAGEMENT_CLIENT_ID);
        if (account != null && account.isEnabled()) {
            // The account console lists the apps a user granted access to and lets them revoke it.
            document.managementEndpoint(Urls.accountBase(frontend.getBaseUri()).path("applications")
                    .build(realmName).toString());
        }
        // By id, so the document's order is stable: Keycloak's own scopes (openid first) before the US Core list.
        session.getKeycloakSessionFactory().getProviderFactoriesStream(SmartCapabilityProvider.class)
                .map(ProviderFactory::getId)
                .sorted()
                .map(id -> session.getProvider(SmartCapabilityProvider.class, id))
                .forEach(contributor -> document
                        .capabilities(contributor.capabilities(realm))
                        .scopes(contributor.scopesSupported(realm)));
        return document.build().asMap();
    }

    private List<String> supported(Class<? extends org.keycloak.provider.Provider> spi, List<String> wanted) {
        Set<String> available = session.getKeycloakSessionFactory().getProviderFactoriesStream(spi)
                .map(ProviderFactory::getId)
                .collect(Collectors.toSet());
        return wanted.stream().filter(available::contains).toList();
    }

    private List<String> clientAuthMethods() {
        Set<String> available = session.getKeycloakSessionFactory().getProviderFactoriesStream(ClientAuthenticator.class)
                .map(ClientAuthenticatorFactory.class::cast)
                .map(factory -> factory.getProtocolAuthenticatorMethods(OIDCLoginProtocol.LOGIN_PROTOCOL))
                .flatMap(Collection::stream)
                .collect(Collectors.toSet());
        return SMART_AUTH_METHODS.stream().filter(available::contains).toList();
    }

    /** Keycloak's client-assertion algorithms without the HMAC ones, which SMART's asymmetric profile excludes. */
    private Set<String> asymmetricClientSigningAlgorithms() {
        return session.getKeycloakSessionFactory().getProviderFactoriesStream(ClientSignatureVerifierProvider.class)
                .map(ProviderFactory::getId)
                .filter(alg -> !alg.startsWith("HS"))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    @Override
    public void close() {
    }
}
