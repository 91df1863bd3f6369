package io.github.smartonkeycloak.scope.negotiation;

import java.util.Optional;

import io.github.smartonkeycloak.common.TokenRequestForm;
import io.github.smartonkeycloak.core.resourceserver.ProfileAssignments;
import io.github.smartonkeycloak.core.resourceserver.ResourceServerProfile;
import io.github.smartonkeycloak.core.resourceserver.ValidatedAudience;
import io.github.smartonkeycloak.core.settings.SmartClientSettings;
import io.github.smartonkeycloak.core.settings.SmartRealmSettings;
import org.keycloak.OAuth2Constants;
import org.keycloak.jose.jws.JWSInput;
import org.keycloak.jose.jws.JWSInputException;
import org.keycloak.models.AuthenticatedClientSessionModel;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.representations.RefreshToken;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * The resource-server profile a scope request is negotiated for, so that the scopes take its shape at the
 * authorization, the code exchange and every refresh alike: the client's own profile, else the realm's for the FHIR
 * server the app named ({@link ProfileAssignments#forToken}). The parser gets no client session, so the named server
 * is found where each step keeps it: the authentication session (authorization), the client session of the code or
 * of the refresh token's session (token endpoint). Most realms need none of that: without profiles, or with one
 * profile for every server, the answer comes from the settings alone.
 */
public final class RequestedProfile {

    private RequestedProfile() {
    }

    /** The profile for a request that names {@code audience} as its FHIR server (or none: {@code null}). */
    public static ResourceServerProfile forAudience(ClientModel client, String audience) {
        SmartRealmSettings settings = SmartRealmSettings.of(client.getRealm().getAttributes());
        return SmartClientSettings.of(client.getAttributes()).resourceServerProfile()
                .orElseGet(() -> settings.resourceServerProfiles().forToken(settings.fhirBaseUrls(), audience));
    }

    static ResourceServerProfile of(KeycloakSession session, ClientModel client) {
        Optional<ResourceServerProfile> own = SmartClientSettings.of(client.getAttributes()).resourceServerProfile();
        if (own.isPresent()) {
            return own.get();
        }
        SmartRealmSettings settings = SmartRealmSettings.of(client.getRealm().getAttributes());
        ProfileAssignments assignments = settings.resourceServerProfiles();
        if (assignments.isEmpty()) {
            return ResourceServerProfile.GENERIC;
        }
        ResourceServerProfile shared = assignments.forToken(settings.fhirBaseUrls(), null);
        if (shared != ResourceServerProfile.GENERIC) {
            return shared;
        }
        return assignments.forToken(settings.fhirBaseUrls(), namedServer(session, client).orElse(null));
    }

    private static Optional<String> namedServer(KeycloakSession session, ClientModel client) {
        AuthenticationSessionModel authentication = session.getContext().getAuthenticationSession();
        if (authentication != null && authentication.getClientNote(ValidatedAudience.CLIENT_NOTE) != null) {
            return Optional.of(authentication.getClientNote(ValidatedAudience.CLIENT_NOTE));
        }
        Optional<TokenRequestForm> form = TokenRequestForm.current(session);
        if (form.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> code = form.get().parameter(OAuth2Constants.CODE);
        if (code.isPresent()) {
            // Keycloak's code is <code id>.<user session id>.<client id> (OAuth2CodeParser); Keycloak checks it.
            String[] parts = code.get().split("\\.", 3);
            return parts.length == 3 ? note(session, client, parts[1], false) : Optional.empty();
        }
        Optional<String> refreshToken = form.get().parameter(OAuth2Constants.REFRESH_TOKEN);
        if (refreshToken.isPresent()) {
            try {
                // Only to find the session; Keycloak verifies the token and refuses the request if it is not good.
                RefreshToken token = new JWSInput(refreshToken.get()).readJsonContent(RefreshToken.class);
                return note(session, client, token.getSessionId(), "Offline".equals(token.getType()));
            } catch (JWSInputException | RuntimeException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private static Optional<String> note(KeycloakSession session, ClientModel client, String userSessionId, boolean offline) {
        if (userSessionId == null) {
            return Optional.empty();
        }
        RealmModel realm = client.getRealm();
        UserSessionModel userSession = offline
                ? session.sessions().getOfflineUserSession(realm, userSessionId)
                : session.sessions().getUserSession(realm, userSessionId);
        AuthenticatedClientSessionModel clientSession = userSession == null ? null
                : userSession.getAuthenticatedClientSessionByClient(client.getId());
        return clientSession == null ? Optional.empty() : Optional.ofNullable(clientSession.getNote(ValidatedAudience.CLIENT_NOTE));
    }
}
