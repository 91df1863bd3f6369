package io.github.smartonkeycloak.launch.context;

import java.util.Map;
import java.util.Optional;

import org.keycloak.models.KeycloakSession;
import org.keycloak.representations.AccessToken;

/**
 * The access token an introspection request presents, as decoded and verified once in that request by whoever met it
 * first (the consent check at introspection), so that {@link SmartLaunchContextMapper} does not parse it again.
 * Kept on the request's session, next to the token's text: a token that is not the one presented is never used.
 */
public final class PresentedToken {

    private static final String ATTRIBUTE = PresentedToken.class.getName();

    private record Decoded(String text, AccessToken token) {
    }

    private PresentedToken() {
    }

    /** Keeps a token this request has verified, with the text it was decoded from. */
    public static void remember(KeycloakSession session, String text, AccessToken verified) {
        session.setAttribute(ATTRIBUTE, new Decoded(text, verified));
    }

    /** The claims of {@code text} when this request has already decoded it. */
    static Optional<Map<String, Object>> claimsOf(KeycloakSession session, String text) {
        Decoded decoded = session.getAttribute(ATTRIBUTE, Decoded.class);
        return decoded != null && decoded.text().equals(text) ? Optional.of(decoded.token().getOtherClaims()) : Optional.empty();
    }
}
