package io.github.smartonkeycloak.launch.resourceserver;

import java.util.List;
import java.util.Optional;

import io.github.smartonkeycloak.core.fhir.FhirUser;
import io.github.smartonkeycloak.core.launch.ContextField;
import io.github.smartonkeycloak.core.launch.FhirBaseUrls;
import io.github.smartonkeycloak.core.resourceserver.ProfileAssignments;
import io.github.smartonkeycloak.core.resourceserver.ProfileClaims;
import io.github.smartonkeycloak.core.resourceserver.ResourceServerProfile;
import io.github.smartonkeycloak.core.resourceserver.TokenFacts;
import io.github.smartonkeycloak.core.resourceserver.ValidatedAudience;
import io.github.smartonkeycloak.core.scope.ScopeRequest;
import io.github.smartonkeycloak.core.settings.SmartClientSettings;
import io.github.smartonkeycloak.core.settings.SmartRealmSettings;
import org.keycloak.models.AuthenticatedClientSessionModel;
import org.keycloak.models.ClientSessionContext;
import org.keycloak.models.UserModel;
import org.keycloak.protocol.oidc.token.TokenPostProcessor;
import org.keycloak.protocol.oidc.token.TokenPostProcessorContext;
import org.keycloak.representations.AccessToken;

/**
 * Gives the access token the shape its FHIR server accepts: the client's resource-server profile, else the one the
 * realm assigns to the FHIR base URL the token is for ({@link ProfileAssignments#forToken}: the app's validated
 * {@code aud}; a backend token names none). Runs after the launch-context binding, which puts the patient into the
 * token; the rules themselves are {@link ProfileClaims}.
 */
final class ResourceServerProfileShaping implements TokenPostProcessor {

    @Override
    public void process(TokenPostProcessorContext context) {
        AccessToken token = context.accessToken();
        ClientSessionContext clientSessionCtx = context.clientSessionCtx();
        if (token == null || clientSessionCtx == null) {
            return;
        }
        AuthenticatedClientSessionModel clientSession = clientSessionCtx.getClientSession();
        SmartRealmSettings settings = SmartRealmSettings.of(clientSession.getRealm().getAttributes());
        if (!settings.isSmartRealm()) {
            return;
        }
        String audience = clientSession.getNote(ValidatedAudience.CLIENT_NOTE);
        Optional<String> server = server(settings.fhirBaseUrls(), audience);
        ProfileAssignments assignments = settings.resourceServerProfiles();
        ResourceServerProfile profile = SmartClientSettings.of(clientSession.getClient().getAttributes()).resourceServerProfile()
                .orElseGet(() -> assignments.forToken(settings.fhirBaseUrls(), audience));
        if (profile == ResourceServerProfile.GENERIC) {
            return;
        }
        TokenFacts facts = new TokenFacts(List.copyOf(ScopeRequest.of(token.getScope()).names()), patient(token),
                fhirUser(clientSession), server.map(assignments::writtenAs).orElse(null));
        ProfileClaims.of(profile, facts).forEach(token::setOtherClaims);
        ProfileClaims.audience(profile, facts).ifPresent(token::addAudience);
    }

    private static Optional<String> server(FhirBaseUrls servers, String validatedAud) {
        if (validatedAud != null && servers.matches(validatedAud)) {
            return Optional.of(FhirBaseUrls.parse(validatedAud).primary());
        }
        return servers.asList().size() == 1 ? Optional.of(servers.primary()) : Optional.empty();
    }

    private static String patient(AccessToken token) {
        Object patient = token.getOtherClaims().get(ContextField.PATIENT.claim());
        return patient instanceof String id ? id : null;
    }

    private static String fhirUser(AuthenticatedClientSessionModel clientSession) {
        if (clientSession.getUserSession() == null) {
            return null;
        }
        UserModel user = clientSession.getUserSession().getUser();
        return user == null || user.getServiceAccountClientLink() != null ? null : user.getFirstAttribute(FhirUser.NAME);
    }

    @Override
    public void close() {
    }
}
