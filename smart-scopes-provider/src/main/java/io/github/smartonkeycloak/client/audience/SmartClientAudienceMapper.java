package io.github.smartonkeycloak.client.audience;

import java.util.ArrayList;
import java.util.List;

import io.github.smartonkeycloak.common.SmartProviderFactory;
import org.keycloak.models.ClientSessionContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ProtocolMapperModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.protocol.ProtocolMapper;
import org.keycloak.protocol.oidc.mappers.AbstractOIDCProtocolMapper;
import org.keycloak.protocol.oidc.mappers.OIDCAccessTokenMapper;
import org.keycloak.protocol.oidc.mappers.OIDCAttributeMapperHelper;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.representations.AccessToken;
import org.keycloak.representations.IDToken;

/**
 * Names the client a token is issued to in the access token's {@code aud}. Since Keycloak 26.6.2 a client may
 * introspect only tokens whose {@code aud} names it, and a SMART app (Inferno, by default) introspects its own tokens
 * with its own credentials; Keycloak's audience mapper can only name one fixed client.
 */
public final class SmartClientAudienceMapper extends AbstractOIDCProtocolMapper
        implements OIDCAccessTokenMapper, SmartProviderFactory<ProtocolMapper> {

    public static final String PROVIDER_ID = "smart-client-audience-mapper";

    private static final List<ProviderConfigProperty> CONFIG_PROPERTIES = new ArrayList<>();

    static {
        OIDCAttributeMapperHelper.addIncludeInTokensConfig(CONFIG_PROPERTIES, SmartClientAudienceMapper.class);
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getDisplayCategory() {
        return TOKEN_MAPPER_CATEGORY;
    }

    @Override
    public String getDisplayType() {
        return "SMART client audience";
    }

    @Override
    public String getHelpText() {
        return "Adds the client the token is issued to to the access token's aud, so that the client can introspect "
                + "its own tokens.";
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return CONFIG_PROPERTIES;
    }

    @Override
    protected void setClaim(IDToken token, ProtocolMapperModel model, UserSessionModel userSession,
            KeycloakSession session, ClientSessionContext clientSessionCtx) {
        if (token instanceof AccessToken accessToken) {
            accessToken.addAudience(clientSessionCtx.getClientSession().getClient().getClientId());
        }
    }
}
