package io.github.smartonkeycloak.scope.negotiation;

import java.util.Optional;

import io.github.smartonkeycloak.core.settings.SmartRealmSettings;
import org.keycloak.common.Profile;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.protocol.oidc.rar.AuthorizationRequestParserProvider;
import org.keycloak.provider.ProviderFactory;

/**
 * Where the pack's scope handling applies, and whether it can work on this server at all. It rests on Keycloak
 * consulting the pack's parser for every scope decision, which Keycloak does only with the experimental
 * {@code parameterized-scopes} feature on and while the pack's parser is the one registered as {@code client-scope}
 * (see docs/adr/0001-scope-negotiation.md).
 */
public final class ScopeEngine {

    /** The {@code error_description} for a SMART request while {@link #problem} finds one; the log says more. */
    public static final String UNAVAILABLE = "SMART scopes are unavailable: this server's SMART scope handling is not"
            + " active (the server log says why)";

    private ScopeEngine() {
    }

    /**
     * Whether SMART scope handling applies to a client's requests: its realm names a FHIR base URL
     * ({@code smart.fhirBaseUrls}) or the client holds a SMART ceiling (a client scope such as {@code patient/*.rs}).
     * Other requests are left to Keycloak alone, as if the pack were not installed.
     */
    public static boolean handles(ClientModel client) {
        // The realm's setting first: in a SMART realm that answers without reading the client's scopes.
        return client != null && (isSmartRealm(client) || !ClientCeilings.of(client).scopes().isEmpty());
    }

    static boolean handles(ClientModel client, ClientCeilings ceilings) {
        return isSmartRealm(client) || !ceilings.scopes().isEmpty();
    }

    private static boolean isSmartRealm(ClientModel client) {
        return SmartRealmSettings.of(client.getRealm().getAttributes()).isSmartRealm();
    }

    /** Why the pack cannot negotiate SMART scopes on this server, as an admin's to-do; empty when it can. */
    public static Optional<String> problem(KeycloakSessionFactory factory) {
        ProviderFactory<AuthorizationRequestParserProvider> parser = factory.getProviderFactory(
                AuthorizationRequestParserProvider.class, SmartScopeRequestParserFactory.PROVIDER_ID);
        return problem(Profile.isFeatureEnabled(Profile.Feature.PARAMETERIZED_SCOPES),
                parser == null ? null : parser.getClass());
    }

    static Optional<String> problem(boolean parameterizedScopesEnabled, Class<?> activeParser) {
        if (!parameterizedScopesEnabled) {
            return Optional.of("Keycloak's feature parameterized-scopes is off, so Keycloak never consults the SMART"
                    + " scope parser; start Keycloak with features=parameterized-scopes (see realm-export/keycloak.conf)");
        }
        if (activeParser != SmartScopeRequestParserFactory.class) {
            return Optional.of("Keycloak's '" + SmartScopeRequestParserFactory.PROVIDER_ID
                    + "' authorization-request parser is " + (activeParser == null ? "missing" : activeParser.getName())
                    + ", not the SMART pack's " + SmartScopeRequestParserFactory.class.getName()
                    + "; remove the provider that replaces it and run kc.sh build again");
        }
        return Optional.empty();
    }
}
