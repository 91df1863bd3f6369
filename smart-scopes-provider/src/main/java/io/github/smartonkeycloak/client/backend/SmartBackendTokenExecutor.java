package io.github.smartonkeycloak.client.backend;

import org.keycloak.common.util.Time;
import org.keycloak.representations.AccessToken;
import org.keycloak.services.clientpolicy.ClientPolicyContext;
import org.keycloak.services.clientpolicy.ClientPolicyEvent;
import org.keycloak.services.clientpolicy.context.ServiceAccountTokenResponseContext;
import org.keycloak.services.clientpolicy.executor.ClientPolicyExecutorProvider;

/**
 * Caps the lifetime of {@code client_credentials} access tokens, whatever the realm's or the client's access token
 * lifespan, so that backend services get the short tokens SMART asks for while apps keep theirs. The token is still
 * unsigned at this event, so the shorter {@code exp} is what gets signed and what {@code expires_in} reports.
 */
final class SmartBackendTokenExecutor implements ClientPolicyExecutorProvider<SmartBackendTokenConfig> {

    private SmartBackendTokenConfig config = new SmartBackendTokenConfig();

    @Override
    public void setupConfiguration(SmartBackendTokenConfig config) {
        this.config = config;
    }

    @Override
    public Class<SmartBackendTokenConfig> getExecutorConfigurationClass() {
        return SmartBackendTokenConfig.class;
    }

    @Override
    public String getProviderId() {
        return SmartBackendTokenExecutorFactory.PROVIDER_ID;
    }

    @Override
    public void executeOnEvent(ClientPolicyContext context) {
        if (context.getEvent() != ClientPolicyEvent.SERVICE_ACCOUNT_TOKEN_RESPONSE) {
            return;
        }
        AccessToken token = ((ServiceAccountTokenResponseContext) context).getAccessTokenResponseBuilder()
                .getAccessToken();
        long latest = (long) Time.currentTime() + config.getMaxLifespanSeconds();
        if (token.getExp() == null || token.getExp() > latest) {
            token.exp(latest);
        }
    }
}
