package io.github.smartonkeycloak.launch.context;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.github.smartonkeycloak.common.SmartProviderFactory;
import io.github.smartonkeycloak.common.TokenRequestForm;
import io.github.smartonkeycloak.core.launch.ContextField;
import io.github.smartonkeycloak.core.launch.FhirContextItem;
import io.github.smartonkeycloak.core.launch.LaunchContext;
import io.github.smartonkeycloak.core.resourceserver.ProfileClaims;
import io.github.smartonkeycloak.core.settings.SmartClientSettings;
import org.keycloak.jose.jws.JWSInput;
import org.keycloak.jose.jws.JWSInputException;
import org.keycloak.models.ClientSessionContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ProtocolMapperModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.protocol.ProtocolMapper;
import org.keycloak.protocol.oidc.mappers.AbstractOIDCProtocolMapper;
import org.keycloak.protocol.oidc.mappers.OIDCAccessTokenResponseMapper;
import org.keycloak.protocol.oidc.mappers.OIDCAttributeMapperHelper;
import org.keycloak.protocol.oidc.mappers.TokenIntrospectionTokenMapper;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.representations.AccessToken;
import org.keycloak.representations.AccessTokenResponse;
import org.keycloak.representations.IDToken;

/**
 * Puts the SMART launch context ({@code patient}, {@code encounter}, {@code fhirContext}, {@code need_patient_banner},
 * {@code smart_style_url}, {@code intent}, {@code tenant}) into the token response and the introspection response,
 * each only when known and with its JSON type. The context comes from the token binding (response) or from the
 * access token being introspected, which Keycloak has verified before mappers run. Introspection also answers the
 * claims a resource-server profile added to the token ({@link ProfileClaims#isIntrospectedClaim}).
 */
public final class SmartLaunchContextMapper extends AbstractOIDCProtocolMapper
        implements OIDCAccessTokenResponseMapper, TokenIntrospectionTokenMapper, SmartProviderFactory<ProtocolMapper> {

    public static final String PROVIDER_ID = "smart-launch-context-mapper";

    private static final List<ProviderConfigProperty> CONFIG_PROPERTIES = new ArrayList<>();

    static {
        OIDCAttributeMapperHelper.addIncludeInTokensConfig(CONFIG_PROPERTIES, SmartLaunchContextMapper.class);
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
        return "SMART launch context";
    }

    @Override
    public String getHelpText() {
        return "Adds the SMART launch context (" + String.join(", ", ContextField.claimNames())
                + ") to the token response and to introspection.";
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return CONFIG_PROPERTIES;
    }

    @Override
    protected void setClaim(AccessTokenResponse response, ProtocolMapperModel model, UserSessionModel userSession,
            KeycloakSession session, ClientSessionContext clientSessionCtx) {
        LaunchContext launch = clientSessionCtx.getAttribute(LaunchContextBindingFactory.CONTEXT_ATTRIBUTE, LaunchContext.class);
        if (launch == null) {
            return;
        }
        Map<String, Object> fields = launch.asJsonFields();
        if (SmartClientSettings.of(clientSessionCtx.getClientSession().getClient().getAttributes()).fhirContextAsStrings()) {
            fields.computeIfPresent(ContextField.FHIR_CONTEXT.claim(), (name, value) -> legacyFhirContext(launch.fhirContext()));
        }
        fields.forEach(response::setOtherClaims);
    }

    /** SMART 2.0: references only, as strings; entries without a reference cannot be said that way. */
    private static List<String> legacyFhirContext(List<FhirContextItem> items) {
        return items.stream().map(FhirContextItem::reference).filter(reference -> reference != null).toList();
    }

    @Override
    protected void setClaim(IDToken token, ProtocolMapperModel model, UserSessionModel userSession,
            KeycloakSession session, ClientSessionContext clientSessionCtx) {
        if (!(token instanceof AccessToken introspected)) {
            return;
        }
        presentedTokenClaims(session).forEach((name, value) -> {
            if (ContextField.isContextClaim(name) || ProfileClaims.isIntrospectedClaim(name)) {
                introspected.setOtherClaims(name, value);
            }
        });
    }

    /** The claims of the token an introspection request presents (verified by Keycloak before mappers run). */
    private static Map<String, Object> presentedTokenClaims(KeycloakSession session) {
        String token = TokenRequestForm.current(session).flatMap(form -> form.parameter("token")).orElse(null);
        if (token == null) {
            return Map.of();
        }
        Optional<Map<String, Object>> decoded = PresentedToken.claimsOf(session, token);
        if (decoded.isPresent()) {
            return decoded.get();
        }
        try {
            return new JWSInput(token).readJsonContent(AccessToken.class).getOtherClaims();
        } catch (JWSInputException e) {
            return Map.of();
        }
    }
}
