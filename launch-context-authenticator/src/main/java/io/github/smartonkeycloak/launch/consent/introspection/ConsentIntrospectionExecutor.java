package io.github.smartonkeycloak.launch.consent.introspection;

import io.github.smartonkeycloak.core.launch.ContextField;
import io.github.smartonkeycloak.core.scope.ScopeRequest;
import io.github.smartonkeycloak.core.settings.SmartRealmSettings;
import io.github.smartonkeycloak.launch.consent.enforcement.ConsentEnforcer;
import io.github.smartonkeycloak.launch.context.PresentedToken;
import jakarta.ws.rs.core.MultivaluedMap;
import org.keycloak.events.EventType;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.representations.AccessToken;
import org.keycloak.representations.idm.ClientPolicyExecutorConfigurationRepresentation;
import org.keycloak.services.clientpolicy.ClientPolicyContext;
import org.keycloak.services.clientpolicy.ClientPolicyEvent;
import org.keycloak.services.clientpolicy.context.TokenIntrospectContext;
import org.keycloak.services.clientpolicy.executor.ClientPolicyExecutorProvider;

/**
 * Checks consent when a resource server introspects an access token. Keycloak's introspection has no way to say
 * "inactive" from outside, but it reads the token again after the client policies ran (that is what they may
 * change): a token whose consent is withdrawn, or whose consent cannot be read, is replaced by a value no
 * signature verifies, and Keycloak answers {@code {"active":false}} as for any invalid token. Failing closed here
 * is the documented choice: a resource server must not serve data on a consent nobody could confirm.
 */
final class ConsentIntrospectionExecutor implements ClientPolicyExecutorProvider<ClientPolicyExecutorConfigurationRepresentation> {

    /** What Keycloak is given to introspect instead: not a JWT, so inactive. */
    static final String REFUSED_TOKEN = "smart-consent-refused";

    private final KeycloakSession session;

    ConsentIntrospectionExecutor(KeycloakSession session) {
        this.session = session;
    }

    @Override
    public String getProviderId() {
        return ConsentIntrospectionExecutorFactory.PROVIDER_ID;
    }

    @Override
    public void executeOnEvent(ClientPolicyContext context) {
        if (context.getEvent() != ClientPolicyEvent.TOKEN_INTROSPECT) {
            return;
        }
        MultivaluedMap<String, String> params = ((TokenIntrospectContext) context).getParams();
        String presented = params.getFirst("token");
        RealmModel realm = session.getContext().getRealm();
        if (presented == null || realm == null || !SmartRealmSettings.CONSENT_STORE_FHIR.equals(
                SmartRealmSettings.of(realm.getAttributes()).consentStore())) {
            return; // Keycloak's own consent decides: no token to decode here
        }
        AccessToken token = session.tokens().decode(presented, AccessToken.class);
        if (token == null || token.getIssuedFor() == null || token.getSubject() == null) {
            return; // not an access token this realm signed: Keycloak's own checks answer
        }
        PresentedToken.remember(session, presented, token); // the launch-context mapper reads its claims
        ClientModel client = realm.getClientByClientId(token.getIssuedFor());
        UserModel user = session.users().getUserById(realm, token.getSubject());
        Object patient = token.getOtherClaims().get(ContextField.PATIENT.claim());
        ConsentEnforcer.Outcome outcome = ConsentEnforcer.check(session, realm, user, client,
                patient == null ? null : patient.toString(), ScopeRequest.of(token.getScope()).resourceScopeNames());
        if (!outcome.allowed()) {
            ConsentEnforcer.sendError(session, realm, user, client, EventType.INTROSPECT_TOKEN_ERROR, outcome);
            params.putSingle("token", REFUSED_TOKEN);
        }
    }
}
