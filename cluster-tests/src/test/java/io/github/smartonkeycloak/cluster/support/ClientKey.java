package io.github.smartonkeycloak.cluster.support;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/** A backend service's RS384 signing key, made with the JDK, and its public JWK Set. */
public final class ClientKey {

    private final String kid;
    private final KeyPair pair;

    private ClientKey(String kid, KeyPair pair) {
        this.kid = kid;
        this.pair = pair;
    }

    public static ClientKey rs384(String kid) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return new ClientKey(kid, generator.generateKeyPair());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public String kid() {
        return kid;
    }

    public String algorithm() {
        return "RS384";
    }

    /** The JWK Set with this key ({@code use: sig}: Keycloak ignores inline keys without it). */
    static String jwks(ClientKey key) {
        RSAPublicKey rsa = (RSAPublicKey) key.pair.getPublic();
        return SmartClient.json(Map.of("keys", List.of(Map.of("kid", key.kid, "use", "sig", "alg", "RS384",
                "kty", "RSA", "n", base64Url(unsigned(rsa.getModulus())), "e", base64Url(unsigned(rsa.getPublicExponent()))))));
    }

    /** Signs {@code header.payload}. */
    public String sign(String signingInput) {
        try {
            Signature signature = Signature.getInstance("SHA384withRSA");
            signature.initSign(pair.getPrivate());
            signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return base64Url(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String base64Url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static byte[] unsigned(BigInteger value) {
        byte[] bytes = value.toByteArray();
        return bytes.length > 1 && bytes[0] == 0 ? Arrays.copyOfRange(bytes, 1, bytes.length) : bytes;
    }
}
