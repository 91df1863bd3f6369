package io.github.smartonkeycloak.launch.flow;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import io.github.smartonkeycloak.common.CopiedFromKeycloak;
import io.github.smartonkeycloak.core.launch.LaunchContext;
import io.github.smartonkeycloak.core.launch.LaunchContextJson;
import io.github.smartonkeycloak.core.scope.ResourceScope;
import io.github.smartonkeycloak.core.scope.ScopeRequest;
import io.github.smartonkeycloak.core.scope.SmartScopeParser;
import io.github.smartonkeycloak.launch.context.LaunchNotes;
import org.keycloak.OAuth2Constants;
import org.keycloak.models.ClientModel;
import org.keycloak.models.ClientScopeModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.RoleUtils;
import org.keycloak.protocol.oidc.OIDCLoginProtocol;
import org.keycloak.rar.AuthorizationDetails;
import org.keycloak.services.util.AuthorizationContextUtil;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * The authorization a user is signing in for, as the SMART steps of the browser flow see it: the requested
 * {@code scope} (which Keycloak turns into the grant at the end), what it grants this user, and the launch context
 * (ids only) that travels to the tokens.
 */
public final class PendingAuthorization {

    private final KeycloakSession session;
    private final AuthenticationSessionModel authSession;

    public PendingAuthorization(KeycloakSession session, AuthenticationSessionModel authSession) {
        this.session = session;
        this.authSession = authSession;
    }

    public ClientModel client() {
        return authSession.getClient();
    }

    public String scopeParameter() {
        return authSession.getClientNote(OAuth2Constants.SCOPE);
    }

    /** Replaces the requested scope; Keycloak builds the code's and the tokens' scope from it. */
    public void scopeParameter(ScopeRequest scope) {
        authSession.setClientNote(OAuth2Constants.SCOPE, scope.toParameter());
    }

    public ScopeRequest requestedScopes() {
        return ScopeRequest.of(scopeParameter());
    }

    public boolean requests(String scope) {
        return requestedScopes().contains(scope);
    }

    /** Whether any requested scope is a SMART one (a resource scope, launch, launch/...). */
    public boolean isSmartRequest() {
        return requestedScopes().namesSmartScope();
    }

    /**
     * The resource scopes this authorization grants the user as it stands: Keycloak's scope parser (the pack's
     * negotiation) on the requested scope, keeping what goes into the token's scope and what the ceiling's role
     * mappings permit the user, as Keycloak does when it builds the token.
     */
    public List<ResourceScope> grantedResourceScopes(UserModel user) {
        return AuthorizationContextUtil.getAuthorizationRequestContextFromScopes(session, client(), user, scopeParameter())
                .getAuthorizationDetailEntries().stream()
                .filter(entry -> entry.getClientScope() != null && entry.getClientScope().isIncludeInTokenScope())
                .filter(entry -> isPermitted(user, entry.getClientScope()))
                .map(entry -> SmartScopeParser.resourceScope(scopeName(entry)))
                .flatMap(Optional::stream)
                .toList();
    }

    /** The entries Keycloak's own consent page would show for the requested scope (client scopes, with parameters). */
    public List<AuthorizationDetails> consentScreenEntries() {
        return AuthorizationContextUtil.getAuthorizationRequestsStreamFromScopesWithClient(session, client(), scopeParameter())
                .filter(entry -> entry.getClientScope() != null && entry.getClientScope().isDisplayOnConsentScreen())
                .toList();
    }

    public LaunchContext launchContext() {
        String note = authSession.getClientNote(launchNote());
        return note == null ? LaunchContext.EMPTY : LaunchContextJson.read(note);
    }

    /** Sets the context this authorization's tokens will carry (see {@link LaunchNotes}). */
    public void launchContext(LaunchContext context) {
        authSession.setClientNote(launchNote(), LaunchContextJson.write(context));
    }

    public String launchId() {
        return authSession.getClientNote(LaunchNotes.KEYCLOAK_PARAMETER_NOTE_PREFIX + "launch");
    }

    private String launchNote() {
        return LaunchNotes.noteName(authSession.getClientNote(OIDCLoginProtocol.CODE_CHALLENGE_PARAM));
    }

    private static String scopeName(AuthorizationDetails entry) {
        return entry.getAuthorizationDetails() == null ? entry.getClientScope().getName()
                : entry.getAuthorizationDetails().getScopeNameFromCustomData();
    }

    /** Keycloak's rule: a client scope with role mappings is for users who have one of those roles. */
    @CopiedFromKeycloak(source = "org.keycloak.services.util.DefaultClientSessionContext.isClientScopePermittedForUser",
            version = "26.7.0")
    static boolean isPermitted(UserModel user, ClientScopeModel scope) {
        Set<RoleModel> roles = RoleUtils.expandCompositeRoles(scope.getScopeMappingsStream().collect(Collectors.toSet()));
        return roles.isEmpty() || roles.stream().anyMatch(user::hasRole);
    }
}
