package io.github.smartonkeycloak.it.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.keycloak.util.JsonSerialization;

/**
 * A client assertion as SMART Backend Services and Inferno build it (header {@code alg}, {@code kid}, {@code typ};
 * claims {@code iss = sub = client_id}, {@code aud} = token URL, {@code exp} = now + 300 s, a fresh {@code jti}, no
 * {@code iat}), with setters to break each part.
 */
public final class ClientAssertion {

    public static final String TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

    private final ClientKey key;
    private final Map<String, Object> header = new LinkedHashMap<>();
    private final Map<String, Object> claims = new LinkedHashMap<>();
    private String forgedSignature;

    private ClientAssertion(ClientKey key, String clientId, String tokenUrl) {
        this.key = key;
        header.put("alg", key.algorithm());
        header.put("kid", key.kid());
        header.put("typ", "JWT");
        claims.put("iss", clientId);
        claims.put("sub", clientId);
        claims.put("aud", tokenUrl);
        claims.put("exp", Instant.now().getEpochSecond() + 300);
        claims.put("jti", UUID.randomUUID().toString());
    }

    public static ClientAssertion by(ClientKey key, String clientId, String tokenUrl) {
        return new ClientAssertion(key, clientId, tokenUrl);
    }

    public ClientAssertion header(String name, Object value) {
        header.put(name, value);
        return this;
    }

    public ClientAssertion claim(String name, Object value) {
        if (value == null) {
            claims.remove(name);
        } else {
            claims.put(name, value);
        }
        return this;
    }

    /** {@code exp} this many seconds from now (negative: already expired). */
    public ClientAssertion expiresIn(long seconds) {
        return claim("exp", Instant.now().getEpochSecond() + seconds);
    }

    /** Replaces the signature, e.g. with an empty one for {@code alg: none} or an HMAC. */
    public ClientAssertion signature(String signature) {
        this.forgedSignature = signature;
        return this;
    }

    public String jwt() {
        String input = encode(header) + "." + encode(claims);
        return input + "." + (forgedSignature != null ? forgedSignature : key.sign(input));
    }

    private static String encode(Map<String, Object> json) {
        try {
            return ClientKey.base64Url(JsonSerialization.writeValueAsString(json).getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
