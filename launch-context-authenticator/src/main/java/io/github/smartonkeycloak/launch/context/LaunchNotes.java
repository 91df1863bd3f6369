package io.github.smartonkeycloak.launch.context;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * Where a launch context waits between the authorization request and the code exchange. It travels as a Keycloak
 * authentication-session note, copied to the client session at login. The note's name includes a hash of the
 * request's PKCE code challenge, which the authorization code carries too: two launches of one app in one browser
 * session have different notes, and each code finds its own context.
 */
public final class LaunchNotes {

    /** Name of the additional authorization-request parameter Keycloak turns into the note. */
    public static final String PARAMETER_PREFIX = "smart_launch_context";
    /** Keycloak's prefix for notes made from additional authorization-request parameters. */
    public static final String KEYCLOAK_PARAMETER_NOTE_PREFIX = "client_request_param_";

    private LaunchNotes() {
    }

    /** The request parameter name for a request with this code challenge (null: the request has none). */
    public static String parameterName(String codeChallenge) {
        return codeChallenge == null || codeChallenge.isEmpty()
                ? PARAMETER_PREFIX
                : PARAMETER_PREFIX + "_" + digest(codeChallenge);
    }

    /** The note name the context has in the authentication and client sessions. */
    public static String noteName(String codeChallenge) {
        return KEYCLOAK_PARAMETER_NOTE_PREFIX + parameterName(codeChallenge);
    }

    private static String digest(String codeChallenge) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(codeChallenge.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(hash).substring(0, 22);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
