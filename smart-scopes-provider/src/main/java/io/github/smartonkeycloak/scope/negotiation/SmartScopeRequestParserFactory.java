package io.github.smartonkeycloak.scope.negotiation;

import io.github.smartonkeycloak.common.SmartProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.protocol.oidc.rar.AuthorizationRequestParserProvider;
import org.keycloak.protocol.oidc.rar.AuthorizationRequestParserProviderFactory;
import org.keycloak.protocol.oidc.rar.parsers.ClientScopeAuthorizationRequestParserProviderFactory;

/**
 * Replaces Keycloak's {@code client-scope} authorization-request parser, the one Keycloak consults for every scope
 * decision when the {@code parameterized-scopes} feature is on (see docs/adr/0001-scope-negotiation.md). It must keep
 * Keycloak's id; a higher {@link #order()} makes Keycloak choose it over the built-in one.
 */
public final class SmartScopeRequestParserFactory implements AuthorizationRequestParserProviderFactory,
        SmartProviderFactory<AuthorizationRequestParserProvider> {

    public static final String PROVIDER_ID = ClientScopeAuthorizationRequestParserProviderFactory.CLIENT_SCOPE_PARSER_ID;

    @Override
    public AuthorizationRequestParserProvider create(KeycloakSession session) {
        return new SmartScopeRequestParser(session);
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public int order() {
        return 100;
    }
}
