package io.github.smartonkeycloak.scope.negotiation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.smartonkeycloak.common.TokenRequestForm;
import io.github.smartonkeycloak.core.resourceserver.ProfileScopes;
import io.github.smartonkeycloak.core.scope.Grant;
import io.github.smartonkeycloak.core.scope.LaunchScope;
import io.github.smartonkeycloak.core.scope.Negotiation;
import io.github.smartonkeycloak.core.scope.ResourceScope;
import io.github.smartonkeycloak.core.scope.ScopeNegotiator;
import io.github.smartonkeycloak.core.scope.ScopeRequest;
import io.github.smartonkeycloak.core.scope.ScopeSyntaxException;
import io.github.smartonkeycloak.core.scope.SmartScopeParser;
import io.github.smartonkeycloak.core.settings.SmartRealmSettings;
import org.keycloak.OAuth2Constants;
import org.keycloak.models.ClientModel;
import org.keycloak.models.ClientScopeModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.UserModel;
import org.keycloak.protocol.oidc.rar.AuthorizationRequestParserProvider;
import org.keycloak.protocol.oidc.rar.parsers.ClientScopeAuthorizationRequestParser;
import org.keycloak.rar.AuthorizationDetails;
import org.keycloak.rar.AuthorizationRequestContext;
import org.keycloak.rar.AuthorizationRequestSource;
import org.keycloak.representations.AuthorizationDetailsJSONRepresentation;

/**
 * Keycloak's scope parser with SMART negotiation added. With the {@code parameterized-scopes} feature on, Keycloak
 * validates a request's scopes, builds the token's {@code scope} and checks consent from what this parser returns:
 * one entry per scope string, each pointing at a client scope. So:
 * <ul>
 *   <li>names Keycloak knows (openid, profile, launch/patient, ...) are handled exactly as Keycloak does;</li>
 *   <li>SMART resource scopes are negotiated against the client's ceilings ({@link ClientCeilings}); each grant
 *       points at its ceiling, so the ceiling's role mappings decide per user and its mappers apply;</li>
 *   <li>{@code system/} scopes only for the client's own service account (SMART Backend Services,
 *       {@code client_credentials}): wherever a person is or may be involved they are dropped;</li>
 *   <li>everything else the request names maps to {@link AcknowledgedScope}: accepted, granted nothing.</li>
 * </ul>
 * Malformed SMART scopes are rejected with a precise message by the authorization-endpoint and token checks.
 * Clients the pack does not handle ({@link ScopeEngine#handles}) get Keycloak's parser alone, unchanged.
 */
final class SmartScopeRequestParser implements AuthorizationRequestParserProvider {

    private final KeycloakSession session;
    /**
     * What this request has parsed already: Keycloak asks again with the same arguments several times per token
     * request (validation, the token's scope, consent, mappers), and a provider lives for one request. Callers may
     * add to the answer's list, so each gets its own copy.
     */
    private final Map<String, List<AuthorizationDetails>> parsed = new HashMap<>();
    /** Each client's ceilings, read once per request: reading them copies every scope assigned to the client. */
    private final Map<String, ClientCeilings> ceilingsByClient = new HashMap<>();

    SmartScopeRequestParser(KeycloakSession session) {
        this.session = session;
    }

    @Override
    public AuthorizationRequestContext parseScopes(ClientModel client, String scopeParam) {
        return parseScopes(null, client, scopeParam);
    }

    @Override
    public AuthorizationRequestContext parseScopes(UserModel user, ClientModel client, String scopeParam) {
        String key = (user == null ? "" : user.getId()) + '\n' + client.getId() + '\n' + scopeParam;
        List<AuthorizationDetails> entries = parsed.get(key);
        if (entries == null) {
            entries = List.copyOf(parse(user, client, scopeParam).getAuthorizationDetailEntries());
            parsed.put(key, entries);
        }
        return new AuthorizationRequestContext(new ArrayList<>(entries));
    }

    private AuthorizationRequestContext parse(UserModel user, ClientModel client, String scopeParam) {
        ClientCeilings ceilings = ceilingsByClient.computeIfAbsent(client.getId(), id -> ClientCeilings.of(client));
        ClientScopeAuthorizationRequestParser keycloakParser = new ClientScopeAuthorizationRequestParser(session);
        if (!ScopeEngine.handles(client, ceilings)) {
            return keycloakParser.parseScopes(user, client, scopeParam);
        }
        ScopeRequest requested = narrowToRefreshRequest(ScopeRequest.of(scopeParam));
        // The client's own service account: client_credentials tokens (over HTTP or issued in-process) and their
        // introspection. Never a person, so never an authorization request, a login, a code exchange or a refresh.
        boolean backendService = user != null && client.getId().equals(user.getServiceAccountClientLink());
        List<ResourceScope> resourceScopes = new ArrayList<>();
        List<String> keycloakScopes = new ArrayList<>();
        for (String scope : requested.names()) {
            SmartScopeParser.resourceScope(scope).ifPresentOrElse(resourceScope -> {
                // Not grantable here (system/ for a user): acknowledged below, granted nothing.
                if (resourceScope.context().isGrantableTo(backendService)) {
                    resourceScopes.add(resourceScope);
                }
            }, () -> keycloakScopes.add(scope));
        }

        Map<String, AuthorizationDetails> entries = new LinkedHashMap<>();
        AuthorizationRequestContext keycloak = keycloakParser.parseScopes(user, client, String.join(" ", keycloakScopes));
        for (AuthorizationDetails entry : keycloak.getAuthorizationDetailEntries()) {
            // A ceiling assigned as a default scope is still only a ceiling, never granted unasked.
            if (!ceilings.isCeiling(entry.getClientScope())) {
                entries.putIfAbsent(entry.getAuthorizationDetails().getScopeNameFromCustomData(), entry);
            }
        }

        grantContextLaunchScopes(requested, entries);

        ScopeNegotiator negotiator = new ScopeNegotiator(
                SmartRealmSettings.of(client.getRealm().getAttributes()).supportedResourceTypes());
        Negotiation negotiation = negotiator.negotiate(resourceScopes, ceilings.scopes());
        // The FHIR server's profile may want the grants in another shape (v1 only, one context): shaped here, so the
        // token response, the token, refreshes and introspection all say the same.
        List<Grant> grants = ProfileScopes.shape(RequestedProfile.of(session, client), negotiation.grants(),
                requested.contains("launch/patient") || requested.contains("launch"));
        for (Grant grant : grants) {
            entries.putIfAbsent(grant.text(), entry(ceilings.model(grant.ceiling()), grant.text()));
        }

        AcknowledgedScope acknowledged = new AcknowledgedScope(client.getRealm());
        for (String scope : requested.names()) {
            if (!OAuth2Constants.SCOPE_OPENID.equals(scope)) {
                entries.putIfAbsent(scope, entry(acknowledged, scope));
            }
        }
        return new AuthorizationRequestContext(new ArrayList<>(entries.values()));
    }

    /**
     * A refresh that names scopes narrows the grant to them. Keycloak applies that to the access token but, for
     * offline tokens, rebuilds the response's context from the unnarrowed refresh token; narrowing here as well keeps
     * the response {@code scope} equal to the token's. Keycloak's own check that offline access is still granted
     * parses exactly {@code offline_access}; that check must see it whatever the refresh asks for.
     */
    private ScopeRequest narrowToRefreshRequest(ScopeRequest requested) {
        if (requested.names().equals(Set.of(OAuth2Constants.OFFLINE_ACCESS))) {
            return requested;
        }
        return TokenRequestForm.current(session)
                .filter(TokenRequestForm::isRefresh)
                .flatMap(TokenRequestForm::scope)
                .map(ScopeRequest::of)
                .map(refreshScopes -> requested.filter(scope ->
                        refreshScopes.contains(scope) || OAuth2Constants.SCOPE_OPENID.equals(scope)))
                .orElse(requested);
    }


    /**
     * SMART 2.2's requests for further launch context, {@code launch/<type>} with an optional {@code ?role=<uri>}
     * ({@code launch/questionnaire?role=...}): the EHR answers them with {@code fhirContext} items, so they are granted
     * where the EHR launch itself ({@code launch}) is granted, on its client scope, and echoed as the app wrote them.
     * Without an EHR launch nothing can supply them: they are acknowledged and left out. {@code launch/patient} and
     * {@code launch/encounter} without a role are client scopes of their own, which Keycloak has handled already.
     */
    private static void grantContextLaunchScopes(ScopeRequest requested, Map<String, AuthorizationDetails> entries) {
        AuthorizationDetails ehrLaunch = entries.get("launch");
        if (ehrLaunch == null) {
            return;
        }
        for (String scope : requested.names()) {
            if (scope.startsWith("launch/") && !entries.containsKey(scope) && isContextLaunchScope(scope)) {
                entries.put(scope, entry(ehrLaunch.getClientScope(), scope));
            }
        }
    }

    private static boolean isContextLaunchScope(String scope) {
        try {
            return SmartScopeParser.parse(scope) instanceof LaunchScope launch && launch.type() != null;
        } catch (ScopeSyntaxException e) {
            return false; // refused with its reason by the authorization endpoint's check
        }
    }

    private static AuthorizationDetails entry(ClientScopeModel clientScope, String scope) {
        AuthorizationDetailsJSONRepresentation representation = new AuthorizationDetailsJSONRepresentation();
        representation.setType(AuthorizationDetailsJSONRepresentation.STATIC_SCOPE_RAR_TYPE);
        representation.setCustomData("access", List.of(scope));
        return new AuthorizationDetails(clientScope, AuthorizationRequestSource.SCOPE, representation);
    }

    @Override
    public void close() {
    }
}
