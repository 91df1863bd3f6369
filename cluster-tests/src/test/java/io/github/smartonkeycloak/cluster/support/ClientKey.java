package io.github.smartonkeycloak.cluster.support;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A SMART app's signing key (RS384 or ES384), made with the JDK as an app would make it, with its public JWK. Signing
 * goes through the JDK too, so that tests can also sign what Keycloak must refuse.
 */
public final class ClientKey {

    private final String kid;
    private final String algorithm;
    private final KeyPair pair;

    private ClientKey(String kid, String algorithm, KeyPair pair) {
        this.kid = kid;
        this.algorithm = algorithm;
        this.pair = pair;
    }

    public static ClientKey rs384(String kid) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return new ClientKey(kid, "RS384", generator.generateKeyPair());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static ClientKey es384(String kid) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp384r1"));
            return new ClientKey(kid, "ES384", generator.generateKeyPair());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public String kid() {
        return kid;
    }

    public String algorithm() {
        return algorithm;
    }

    /** The public key as a JWK with {@code use: sig} (Keycloak ignores inline keys without it). */
    public Map<String, Object> publicJwk() {
        Map<String, Object> jwk = new LinkedHashMap<>();
        jwk.put("kid", kid);
        jwk.put("use", "sig");
        jwk.put("alg", algorithm);
        if (pair.getPublic() instanceof RSAPublicKey rsa) {
            jwk.put("kty", "RSA");
            jwk.put("n", base64Url(unsigned(rsa.getModulus(), 0)));
            jwk.put("e", base64Url(unsigned(rsa.getPublicExponent(), 0)));
        } else {
            ECPublicKey ec = (ECPublicKey) pair.getPublic();
            jwk.put("kty", "EC");
            jwk.put("crv", "P-384");
            jwk.put("x", base64Url(unsigned(ec.getW().getAffineX(), 48)));
            jwk.put("y", base64Url(unsigned(ec.getW().getAffineY(), 48)));
        }
        return jwk;
    }

    /** A JWK Set of these keys, as served at a JWKS URL or stored inline on the client. */
    public static String jwks(ClientKey... keys) {
        try {
            return new ObjectMapper().writeValueAsString(Map.of("keys", Arrays.stream(keys).map(ClientKey::publicJwk).toList()));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Signs {@code header.payload} with this key, whatever alg the header names. */
    public String sign(String signingInput) {
        try {
            Signature signature = Signature.getInstance("RS384".equals(algorithm) ? "SHA384withRSA"
                    : "SHA384withECDSAinP1363Format");
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

    private static byte[] unsigned(BigInteger value, int length) {
        byte[] bytes = value.toByteArray();
        if (bytes.length > 1 && bytes[0] == 0) {
            bytes = Arrays.copyOfRange(bytes, 1, bytes.length);
        }
        if (length > bytes.length) {
            byte[] padded = new byte[length];
            System.arraycopy(bytes, 0, padded, length - bytes.length, bytes.length);
            return padded;
        }
        return bytes;
    }
}
