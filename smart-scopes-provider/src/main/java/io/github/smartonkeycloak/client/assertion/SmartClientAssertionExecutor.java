package io.github.smartonkeycloak.client.assertion;

import java.util.Optional;

import io.github.smartonkeycloak.common.TokenRequestForm;
import io.github.smartonkeycloak.core.client.ClientAssertionRules;
import org.keycloak.OAuth2Constants;
import org.keycloak.OAuthErrorException;
import org.keycloak.common.util.Time;
import org.keycloak.jose.jws.JWSInput;
import org.keycloak.jose.jws.JWSInputException;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.protocol.oidc.OIDCAdvancedConfigWrapper;
import org.keycloak.protocol.oidc.OIDCConfigAttributes;
import org.keycloak.representations.JsonWebToken;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.services.clientpolicy.ClientPolicyContext;
import org.keycloak.services.clientpolicy.ClientPolicyEvent;
import org.keycloak.services.clientpolicy.ClientPolicyException;
import org.keycloak.services.clientpolicy.context.ClientCRUDContext;
import org.keycloak.services.clientpolicy.executor.ClientPolicyExecutorProvider;

/**
 * Makes Keycloak's {@code client-jwt} authentication accept and refuse client assertions as SMART Backend Services
 * says: new and updated clients get a five-minute assertion lifetime (Keycloak's default of 60 seconds refuses the
 * {@code exp = now + 300}, no-{@code iat} assertions that SMART apps and Inferno send), and wherever a request
 * carries a client assertion it is refused with {@code invalid_client} when its {@code jku} is not the registered
 * JWKS URL or its {@code exp} is too far ahead.
 */
final class SmartClientAssertionExecutor implements ClientPolicyExecutorProvider<SmartClientAssertionConfig> {

    /** Session attribute: this request's assertion has passed, so later events of the same request skip it. */
    private static final String CHECKED = "smart.clientAssertionChecked";

    private final KeycloakSession session;
    private SmartClientAssertionConfig config = new SmartClientAssertionConfig();

    SmartClientAssertionExecutor(KeycloakSession session) {
        this.session = session;
    }

    @Override
    public void setupConfiguration(SmartClientAssertionConfig config) {
        this.config = config;
    }

    @Override
    public Class<SmartClientAssertionConfig> getExecutorConfigurationClass() {
        return SmartClientAssertionConfig.class;
    }

    @Override
    public String getProviderId() {
        return SmartClientAssertionExecutorFactory.PROVIDER_ID;
    }

    @Override
    public void executeOnEvent(ClientPolicyContext context) throws ClientPolicyException {
        if (context.getEvent() == ClientPolicyEvent.REGISTER || context.getEvent() == ClientPolicyEvent.UPDATE) {
            if (config.isAutoConfigure()) {
                setAssertionLifetime(((ClientCRUDContext) context).getProposedClientRepresentation());
            }
        } else {
            // Every event, not a list: whichever endpoint a client authenticates at with an assertion (token,
            // introspection, revocation, PAR, device authorization, CIBA, ...) gets the same rules. The code
            // exchange's first event, PRE_TOKEN_REQUEST, comes before Keycloak would turn errors into invalid_grant.
            checkAssertion();
        }
    }

    private void setAssertionLifetime(ClientRepresentation client) {
        if (client.getAttributes() == null
                || client.getAttributes().get(OIDCConfigAttributes.TOKEN_ENDPOINT_AUTH_SIGNING_MAX_EXP) == null) {
            OIDCAdvancedConfigWrapper.fromClientRepresentation(client)
                    .setTokenEndpointAuthSigningMaxExp(config.getMaxLifetimeSeconds());
        }
    }

    private void checkAssertion() throws ClientPolicyException {
        Optional<TokenRequestForm> form = TokenRequestForm.current(session);
        String assertion = form.flatMap(f -> f.parameter(OAuth2Constants.CLIENT_ASSERTION)).orElse(null);
        boolean jwt = form.flatMap(f -> f.parameter(OAuth2Constants.CLIENT_ASSERTION_TYPE))
                .filter(OAuth2Constants.CLIENT_ASSERTION_TYPE_JWT::equals).isPresent();
        if (assertion == null || !jwt || session.getAttribute(CHECKED) != null) {
            return;
        }
        JWSInput jws;
        JsonWebToken token;
        try {
            jws = new JWSInput(assertion);
            token = jws.readJsonContent(JsonWebToken.class);
        } catch (JWSInputException | RuntimeException e) {
            return; // not a JWT: Keycloak's client authentication refuses it with its own description
        }
        Object jku = jws.getHeader().getOtherClaims().get("jku");
        Optional<String> problem = new ClientAssertionRules(config.getMaxLifetimeSeconds()).problem(
                jku == null ? null : jku.toString(), token.getExp(), Time.currentTime(),
                registeredJwksUrl(assertingClient(token)));
        if (problem.isPresent()) {
            throw new ClientPolicyException(OAuthErrorException.INVALID_CLIENT, problem.get());
        }
        session.setAttribute(CHECKED, Boolean.TRUE);
    }

    /** The authenticated client, or before authentication the client the assertion claims to be. */
    private ClientModel assertingClient(JsonWebToken token) {
        ClientModel client = session.getContext().getClient();
        if (client == null && token.getSubject() != null) {
            client = session.getContext().getRealm().getClientByClientId(token.getSubject());
        }
        return client;
    }

    private static String registeredJwksUrl(ClientModel client) {
        if (client == null) {
            return null;
        }
        OIDCAdvancedConfigWrapper oidc = OIDCAdvancedConfigWrapper.fromClientModel(client);
        return oidc.isUseJwksUrl() ? oidc.getJwksUrl() : null;
    }
}
