package io.github.smartonkeycloak.demo.ehrlauncher;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The launcher form's CSRF token: HMAC-SHA256 of the clinician's user session id under a secret key (the realm's
 * active HMAC key). The session id alone is no secret: apps see it as the {@code sid} claim of their tokens, so an
 * unkeyed hash of it could be forged by any app the clinician has signed in to.
 */
final class LauncherCsrf {

    private static final String ALGORITHM = "HmacSHA256";
    /** Keeps these tokens apart from anything else the same key signs. */
    private static final String PURPOSE = "smart-ehr-launcher-csrf:";

    private final byte[] key;

    LauncherCsrf(byte[] key) {
        if (key == null || key.length == 0) {
            throw new IllegalArgumentException("the CSRF key must not be empty");
        }
        this.key = key.clone();
    }

    String token(String userSessionId) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(mac(userSessionId));
    }

    /** Constant-time, so that response times tell nothing about how much of a guess was right. */
    boolean accepts(String userSessionId, String presented) {
        if (presented == null) {
            return false;
        }
        byte[] expected = token(userSessionId).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, presented.getBytes(StandardCharsets.US_ASCII));
    }

    private byte[] mac(String userSessionId) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(key, ALGORITHM));
            return mac.doFinal((PURPOSE + userSessionId).getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }
}
