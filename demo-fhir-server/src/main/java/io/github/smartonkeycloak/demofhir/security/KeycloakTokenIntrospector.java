package io.github.smartonkeycloak.demofhir.security;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.smartonkeycloak.demofhir.keycloak.KeycloakHttp;

/**
 * RFC 7662 introspection against Keycloak, authenticated as a confidential client with HTTP Basic. Every call asks
 * Keycloak afresh (no cache), so a revoked token is refused at once.
 */
public final class KeycloakTokenIntrospector implements TokenIntrospector {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<LinkedHashMap<String, Object>> CLAIMS = new TypeReference<>() {
    };

    private final HttpClient http;
    private final URI endpoint;
    private final String basicAuthorization;

    public KeycloakTokenIntrospector(HttpClient http, URI endpoint, String clientId, String clientSecret) {
        this.http = http;
        this.endpoint = endpoint;
        // RFC 6749 section 2.3.1: client id and secret are form-encoded before they are joined and base64-encoded.
        String credentials = formEncode(clientId) + ":" + formEncode(clientSecret);
        this.basicAuthorization = "Basic "
                + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public Introspection introspect(String token) {
        HttpRequest request = HttpRequest.newBuilder(endpoint)
                .timeout(KeycloakHttp.REQUEST_TIMEOUT)
                .header("Authorization", basicAuthorization)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "token=" + formEncode(token) + "&token_type_hint=access_token"))
                .build();
        HttpResponse<byte[]> response = send(request);
        if (response.statusCode() != 200) {
            throw new IntrospectionUnavailableException(
                    "introspection endpoint " + endpoint + " answered HTTP " + response.statusCode());
        }
        return parse(response.body());
    }

    private HttpResponse<byte[]> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new IntrospectionUnavailableException(
                    "introspection endpoint " + endpoint + " unreachable: " + e.getClass().getSimpleName(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IntrospectionUnavailableException("interrupted while calling " + endpoint, e);
        }
    }

    private Introspection parse(byte[] body) {
        JsonNode json;
        try {
            json = JSON.readTree(body);
        } catch (IOException e) {
            // The parser's message could quote the body, which names the user: leave it out.
            throw new IntrospectionUnavailableException("introspection response from " + endpoint + " is not JSON");
        }
        if (json == null || !json.isObject()) {
            throw new IntrospectionUnavailableException("introspection response from " + endpoint + " is not an object");
        }
        JsonNode active = json.get("active");
        Map<String, Object> claims = JSON.convertValue(json, CLAIMS);
        return new Introspection(active != null && active.isBoolean() && active.booleanValue(), claims);
    }

    private static String formEncode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
