package io.github.smartonkeycloak.cluster.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What SMART apps, EHRs and resource servers send to the realm, each request to a chosen {@link Target}: the EHR
 * launch API, code exchange, refresh, revocation, introspection and a backend service's client assertion.
 */
public final class SmartClient {

    public static final String EHR_CLIENT = "demo-ehr";
    public static final String EHR_SECRET = "demo-ehr-secret";
    public static final String RESOURCE_SERVER = "demo-fhir-server";
    public static final String RESOURCE_SERVER_SECRET = "demo-fhir-server-secret";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String realmUrl;

    public SmartClient(String realmUrl) {
        this.realmUrl = realmUrl;
    }

    public String tokenUrl() {
        return realmUrl + "/protocol/openid-connect/token";
    }

    /** Registers an EHR launch on {@code target} and returns its id. */
    public String registerLaunch(Target target, Map<String, Object> body) {
        Http http = Http.plain(target);
        Http.Response token = http.postForm(tokenUrl(), Map.of("grant_type", "client_credentials"),
                "Authorization", Http.basic(EHR_CLIENT, EHR_SECRET));
        assertThat(token.status()).as(token.toString()).isEqualTo(200);
        Http.Response launch = http.postJson(realmUrl + "/smart-launch/launches", json(body),
                "Authorization", "Bearer " + token.json().path("access_token").asText());
        assertThat(launch.status()).as(launch.toString()).isEqualTo(201);
        return launch.json().path("launch").asText();
    }

    /** The authorization request a SMART app sends, with PKCE S256 and {@code aud} = the realm's FHIR base URL. */
    public static Map<String, String> authorizationRequest(String clientId, String scope, Pkce pkce, String aud) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("response_type", "code");
        params.put("client_id", clientId);
        params.put("redirect_uri", ClusterRealm.REDIRECT_URI);
        params.put("scope", scope);
        params.put("state", UUID.randomUUID().toString());
        params.put("aud", aud);
        params.put("code_challenge", pkce.challenge());
        params.put("code_challenge_method", "S256");
        return params;
    }

    public Http.Response exchange(Target target, String clientId, String code, Pkce pkce) {
        return Http.plain(target).postForm(tokenUrl(), Map.of("grant_type", "authorization_code", "code", code,
                "redirect_uri", ClusterRealm.REDIRECT_URI, "code_verifier", pkce.verifier(), "client_id", clientId));
    }

    public Http.Response refresh(Target target, String clientId, String refreshToken) {
        return Http.plain(target).postForm(tokenUrl(), Map.of("grant_type", "refresh_token",
                "refresh_token", refreshToken, "client_id", clientId));
    }

    public Http.Response revoke(Target target, String clientId, String token) {
        return Http.plain(target).postForm(realmUrl + "/protocol/openid-connect/revoke",
                Map.of("token", token, "client_id", clientId));
    }

    public JsonNode introspect(Target target, String token) {
        Http.Response response = Http.plain(target).postForm(tokenUrl() + "/introspect", Map.of("token", token),
                "Authorization", Http.basic(RESOURCE_SERVER, RESOURCE_SERVER_SECRET));
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }

    /** A backend service's token request with a client assertion (SMART Backend Services). */
    public Http.Response backendToken(Target target, String assertion, String scope) {
        return Http.plain(target).postForm(tokenUrl(), Map.of("grant_type", "client_credentials", "scope", scope,
                "client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
                "client_assertion", assertion));
    }

    /** A client assertion as SMART Backend Services build it, with this {@code jti}. */
    public String clientAssertion(ClientKey key, String clientId, String jti) {
        Map<String, Object> header = Map.of("alg", key.algorithm(), "kid", key.kid(), "typ", "JWT");
        Map<String, Object> claims = Map.of("iss", clientId, "sub", clientId, "aud", tokenUrl(),
                "exp", Instant.now().getEpochSecond() + 300, "jti", jti);
        String input = ClientKey.base64Url(json(header).getBytes()) + "." + ClientKey.base64Url(json(claims).getBytes());
        return input + "." + key.sign(input);
    }

    public static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
