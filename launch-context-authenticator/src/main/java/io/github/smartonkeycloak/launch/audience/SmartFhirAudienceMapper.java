package io.github.smartonkeycloak.launch.audience;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.github.smartonkeycloak.common.SmartProviderFactory;
import io.github.smartonkeycloak.core.launch.FhirBaseUrls;
import io.github.smartonkeycloak.core.resourceserver.ValidatedAudience;
import io.github.smartonkeycloak.core.settings.SmartRealmSettings;
import org.keycloak.models.ClientSessionContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ProtocolMapperModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.protocol.ProtocolMapper;
import org.keycloak.protocol.oidc.mappers.AbstractOIDCProtocolMapper;
import org.keycloak.protocol.oidc.mappers.OIDCAccessTokenMapper;
import org.keycloak.protocol.oidc.mappers.OIDCAttributeMapperHelper;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;
import org.keycloak.representations.AccessToken;
import org.keycloak.representations.IDToken;

/**
 * Restricts an access token to the FHIR server the app named: its {@code aud} gets the validated {@code aud} of the
 * authorization request (a FHIR base URL of the realm) and that server's introspection client (the mapper setting
 * {@value #SERVER_CLIENTS}), which is what lets that server, and only it, introspect the token. Without a validated
 * {@code aud} (backend services, which name no server) the token names every FHIR server of the realm.
 */
public final class SmartFhirAudienceMapper extends AbstractOIDCProtocolMapper
        implements OIDCAccessTokenMapper, SmartProviderFactory<ProtocolMapper> {

    public static final String PROVIDER_ID = "smart-fhir-audience-mapper";
    /** Mapper setting: each FHIR base URL with its server's introspection client, {@code <url>=<client id>} pairs. */
    public static final String SERVER_CLIENTS = "fhir.server.clients";
    /** Authorization-request parameter (so client-session note) where the launch check leaves the validated aud. */
    public static final String VALIDATED_AUD_PARAMETER = ValidatedAudience.PARAMETER;
    private static final String VALIDATED_AUD_NOTE = ValidatedAudience.CLIENT_NOTE;

    private static final List<ProviderConfigProperty> CONFIG_PROPERTIES = new ArrayList<>();

    static {
        CONFIG_PROPERTIES.addAll(ProviderConfigurationBuilder.create()
                .property().name(SERVER_CLIENTS).label("FHIR servers' introspection clients")
                .helpText("The client each FHIR server introspects tokens with, as <FHIR base URL>=<client id> pairs "
                        + "separated by spaces, e.g. https://fhir.example.org/r4=fhir-server. A token for that server "
                        + "names the client in aud; a token for another server does not.")
                .type(ProviderConfigProperty.STRING_TYPE).defaultValue("").add()
                .build());
        OIDCAttributeMapperHelper.addIncludeInTokensConfig(CONFIG_PROPERTIES, SmartFhirAudienceMapper.class);
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
        return "SMART FHIR server audience";
    }

    @Override
    public String getHelpText() {
        return "Adds the FHIR server the app named in aud, and that server's introspection client, to the access "
                + "token's aud; every FHIR server of the realm when the request named none.";
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return CONFIG_PROPERTIES;
    }

    @Override
    protected void setClaim(IDToken token, ProtocolMapperModel model, UserSessionModel userSession,
            KeycloakSession session, ClientSessionContext clientSessionCtx) {
        if (!(token instanceof AccessToken accessToken)) {
            return;
        }
        RealmModel realm = clientSessionCtx.getClientSession().getRealm();
        FhirBaseUrls servers = SmartRealmSettings.of(realm.getAttributes()).fhirBaseUrls();
        String validated = clientSessionCtx.getClientSession().getNote(VALIDATED_AUD_NOTE);
        List<String> audiences = validated != null && servers.matches(validated)
                ? List.of(FhirBaseUrls.parse(validated).primary()) : servers.asList();
        Map<String, String> serverClients = FhirServerClients.parse(model.getConfig().get(SERVER_CLIENTS));
        for (String server : audiences) {
            accessToken.addAudience(server);
            String client = serverClients.get(server);
            if (client != null) {
                accessToken.addAudience(client);
            }
        }
    }
}
