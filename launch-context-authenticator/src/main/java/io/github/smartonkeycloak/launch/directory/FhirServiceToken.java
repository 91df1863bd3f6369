package io.github.smartonkeycloak.launch.directory;

import io.github.smartonkeycloak.common.CopiedFromKeycloak;
import io.github.smartonkeycloak.common.RealmIssuers;
import io.github.smartonkeycloak.common.RequestUris;
import io.github.smartonkeycloak.core.fhir.FhirUnavailableException;
import org.keycloak.OAuth2Constants;
import org.keycloak.common.constants.ServiceAccountConstants;
import org.keycloak.common.util.Time;
import org.keycloak.models.AuthenticatedClientSessionModel;
import org.keycloak.models.ClientModel;
import org.keycloak.models.ClientSessionContext;
import org.keycloak.models.Constants;
import org.keycloak.models.KeycloakContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.protocol.oidc.OIDCLoginProtocol;
import org.keycloak.protocol.oidc.TokenManager;
import org.keycloak.representations.AccessToken;
import org.keycloak.services.util.DefaultClientSessionContext;

/**
 * The pack's own access token for the FHIR server: issued inside Keycloak for the service account of the realm
 * client named in {@code smart.fhirServiceClient}, as Keycloak's {@code client_credentials} grant would issue it
 * (same scopes, protocol mappers, audience, signing key and issuer), but with no HTTP call and no client credential
 * at all. So no secret can be sent to a URL built from a forged {@code Host} or forwarded header, and any client with
 * a service account will do, whatever it authenticates with (secret, {@code client-jwt}, ...).
 * <p>
 * One token per page, never cached: issuing one costs a signature, and an uncached token cannot outlive a change
 * of the client (disabled, scope removed) or be reused with an issuer taken from another request's host.
 */
public final class FhirServiceToken {

    /** What the pickers ask for; the client's ceilings and default scopes decide what the token gets. */
    public static final String READ_SCOPE = "system/*.rs";
    /** Long enough for one page (its FHIR calls end within {@link FhirClient#PAGE_DEADLINE}). */
    static final int MAX_LIFESPAN_SECONDS = 60;

    private FhirServiceToken() {
    }

    static String issue(KeycloakSession session, RealmModel realm, String clientId) {
        return issue(session, realm, clientId, READ_SCOPE);
    }

    /**
     * A token for the service account of {@code clientId}, asking for {@code scope} (for example
     * {@code system/Consent.crus}); what the token gets is up to the client's scope ceilings, as for any grant.
     */
    public static String issue(KeycloakSession session, RealmModel realm, String clientId, String scope) {
        return issue(session, realm, clientId, scope, null);
    }

    /**
     * The same outside a request (a scheduled task): {@code issuer} is the realm's issuer URL as requests last saw
     * it, since there is no request URL to build it from. Within a request the request's issuer wins.
     */
    public static String issue(KeycloakSession session, RealmModel realm, String clientId, String scope, String issuer) {
        ClientModel client = realm.getClientByClientId(clientId);
        if (client == null || !client.isEnabled() || client.isPublicClient() || client.isBearerOnly()
                || !client.isServiceAccountsEnabled()) {
            throw new FhirUnavailableException("the realm has no enabled client '" + clientId
                    + "' with a service account to call the FHIR server with");
        }
        UserModel serviceAccount = session.users().getServiceAccount(client);
        if (serviceAccount == null || !serviceAccount.isEnabled()) {
            throw new FhirUnavailableException("the service account of client '" + clientId + "' is missing or disabled");
        }
        KeycloakContext context = session.getContext();
        ClientModel requestClient = context.getClient();
        Object requestClientSessionContext = session.getAttribute(ClientSessionContext.class.getName());
        // Mappers and the signing-key choice read the client from the context, as at the token endpoint; scope rules
        // that depend on the grant (system/ scopes) can read it from the session, since no token request is served.
        context.setClient(client);
        session.setAttribute(Constants.GRANT_TYPE, OAuth2Constants.CLIENT_CREDENTIALS);
        try {
            return session.tokens().encode(accessToken(session, realm, client, serviceAccount, scope, issuer));
        } finally {
            context.setClient(requestClient);
            session.removeAttribute(Constants.GRANT_TYPE);
            // DefaultClientSessionContext registers itself in the session; the login in progress keeps its own.
            restore(session, ClientSessionContext.class.getName(), requestClientSessionContext);
        }
    }

    /** The request's local address; a scheduled task has no connection. */
    private static String localAddress(KeycloakSession session) {
        if (RequestUris.baseUri(session).isEmpty() || session.getContext().getConnection() == null) {
            return "127.0.0.1";
        }
        return session.getContext().getConnection().getLocalAddr();
    }

    private static void restore(KeycloakSession session, String attribute, Object value) {
        if (value == null) {
            session.removeAttribute(attribute);
        } else {
            session.setAttribute(attribute, value);
        }
    }

    // Adapted from Keycloak 26.7.0 ClientCredentialsGrantType.process() and
    // OAuth2GrantTypeBase.createTokenResponseBuilder() (Apache License 2.0): a transient user session for the service
    // account, a client session with the issuer and scope notes, the client-session context from the scope parameter
    // and the client's default scopes, then TokenManager. Left out on purpose: the authentication session (attaching
    // one would end the login in progress: it expires the browser's restart cookie), client policies (they judge
    // token requests, and there is none), refresh and ID tokens.
    @CopiedFromKeycloak(source = "org.keycloak.protocol.oidc.grants.ClientCredentialsGrantType.process, "
            + "org.keycloak.protocol.oidc.grants.OAuth2GrantTypeBase.createTokenResponseBuilder", version = "26.7.0")
    private static AccessToken accessToken(KeycloakSession session, RealmModel realm, ClientModel client, UserModel serviceAccount,
            String scope, String issuer) {
        KeycloakContext context = session.getContext();
        UserSessionModel userSession = session.sessions().createUserSession(KeycloakModelUtils.generateId(), realm,
                serviceAccount, serviceAccount.getUsername(), localAddress(session),
                ServiceAccountConstants.CLIENT_AUTH, false, null, null, UserSessionModel.SessionPersistenceState.TRANSIENT);
        userSession.setNote(ServiceAccountConstants.CLIENT_ID_SESSION_NOTE, client.getClientId());
        userSession.setNote(ServiceAccountConstants.CLIENT_ID, client.getClientId());

        AuthenticatedClientSessionModel clientSession = session.sessions().createClientSession(realm, client, userSession);
        clientSession.setProtocol(OIDCLoginProtocol.LOGIN_PROTOCOL);
        clientSession.setNote(OIDCLoginProtocol.ISSUER, RequestUris.baseUri(session)
                .map(base -> RealmIssuers.of(base, realm)).orElse(issuer));
        clientSession.setNote(OIDCLoginProtocol.SCOPE_PARAM, scope);

        ClientSessionContext clientSessionCtx = DefaultClientSessionContext.fromClientSessionAndScopeParameter(
                clientSession, scope, session);
        clientSessionCtx.setAttribute(Constants.GRANT_TYPE, OAuth2Constants.CLIENT_CREDENTIALS);
        AccessToken token = new TokenManager().createClientAccessToken(session, realm, client, serviceAccount,
                userSession, clientSessionCtx, false);
        // Transient sessions put no session id in the token; introspection finds the user by the token's subject.
        token.setSessionId(null);
        // End of adapted code.
        long latest = (long) Time.currentTime() + MAX_LIFESPAN_SECONDS;
        if (token.getExp() == null || token.getExp() > latest) {
            token.exp(latest);
        }
        return token;
    }
}
