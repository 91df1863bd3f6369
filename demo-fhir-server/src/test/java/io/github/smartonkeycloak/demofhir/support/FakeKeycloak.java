package io.github.smartonkeycloak.demofhir.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A stand-in for the two Keycloak endpoints the server calls: token introspection (active only for
 * {@link #GOOD_TOKEN} and the tokens {@link #grant granted} in a test, and only with the right client credentials) and
 * the realm's SMART configuration.
 */
public final class FakeKeycloak implements AutoCloseable {

    public static final String GOOD_TOKEN = "good-token";
    public static final String CLIENT_ID = "demo-fhir-server";
    public static final String CLIENT_SECRET = "test-secret";
    /** What {@link #GOOD_TOKEN} grants: read and search on everything, as a backend service (its service account). */
    public static final String SCOPE = "openid system/*.rs";
    /** Deliberately odd spacing and key order: a relay that re-serialised it would be caught. */
    public static final String SMART_CONFIGURATION = "{\"issuer\": \"http://kc.example/realms/smart\",\n"
            + "  \"token_endpoint\":\"http://kc.example/realms/smart/protocol/openid-connect/token\",\n"
            + "  \"capabilities\" : [\"launch-standalone\", \"context-standalone-patient\"] }";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final Map<String, Map<String, Object>> grants = new ConcurrentHashMap<>();
    private final Set<String> revoked = ConcurrentHashMap.newKeySet();
    private final AtomicInteger introspections = new AtomicInteger();
    private volatile int introspectionStatus = 200;
    private volatile int smartConfigurationStatus = 200;

    private FakeKeycloak(HttpServer server) {
        this.server = server;
        grantServiceAccount(GOOD_TOKEN, SCOPE, "backend");
    }

    public static FakeKeycloak start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            FakeKeycloak keycloak = new FakeKeycloak(server);
            server.createContext("/realms/smart/protocol/openid-connect/token/introspect", keycloak::introspect);
            server.createContext("/realms/smart/.well-known/smart-configuration", keycloak::smartConfiguration);
            server.start();
            return keycloak;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public String realmUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/realms/smart";
    }

    /**
     * From now on {@code token} is active, with this {@code scope} claim and, unless null, this {@code patient} claim
     * (the launch context's patient id).
     */
    public FakeKeycloak grant(String token, String scope, String patient) {
        return grant(token, scope, patient, "user-1", "x");
    }

    /**
     * The same for the user {@code sub} (username {@code <sub>-name}, signed in, so with {@code auth_time}) in the app
     * {@code clientId}: the claims Keycloak 26.7's introspection answers for a user's token.
     */
    public FakeKeycloak grant(String token, String scope, String patient, String sub, String clientId) {
        Map<String, Object> claims = claims(scope, patient, sub, clientId);
        claims.put("username", sub + "-name");
        claims.put("auth_time", 1_796_405_924L);
        grants.put(token, claims);
        return this;
    }

    /**
     * From now on {@code token} is active as a token of {@code clientId}'s service account (client_credentials), as
     * Keycloak 26.7's introspection answers it: username {@code service-account-<clientId>}, no {@code auth_time}.
     */
    public FakeKeycloak grantServiceAccount(String token, String scope, String clientId) {
        Map<String, Object> claims = claims(scope, null, "sa-" + clientId, clientId);
        claims.put("username", "service-account-" + clientId);
        grants.put(token, claims);
        return this;
    }

    private static Map<String, Object> claims(String scope, String patient, String sub, String clientId) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("active", true);
        claims.put("scope", scope);
        claims.put("client_id", clientId);
        claims.put("sub", sub);
        if (patient != null) {
            claims.put("patient", patient);
        }
        return claims;
    }

    /** From now on the token is inactive, as after a revocation in Keycloak. */
    public void revoke(String token) {
        revoked.add(token);
    }

    public void answerIntrospectionWith(int status) {
        introspectionStatus = status;
    }

    public void answerSmartConfigurationWith(int status) {
        smartConfigurationStatus = status;
    }

    public int introspectionCount() {
        return introspections.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void introspect(HttpExchange exchange) throws IOException {
        introspections.incrementAndGet();
        if (!"POST".equals(exchange.getRequestMethod())) {
            respond(exchange, 405, "{}");
            return;
        }
        if (introspectionStatus != 200) {
            respond(exchange, introspectionStatus, "{\"error\":\"server_error\"}");
            return;
        }
        if (!(CLIENT_ID + ":" + CLIENT_SECRET).equals(basicCredentials(exchange))) {
            respond(exchange, 200, "{\"active\":false}");
            return;
        }
        String token = form(exchange.getRequestBody()).get("token");
        Map<String, Object> claims = token == null || revoked.contains(token) ? null : grants.get(token);
        respond(exchange, 200, claims == null ? "{\"active\":false}" : JSON.writeValueAsString(claims));
    }

    private void smartConfiguration(HttpExchange exchange) throws IOException {
        if (smartConfigurationStatus != 200) {
            respond(exchange, smartConfigurationStatus, "{\"error\":\"not found\"}");
            return;
        }
        respond(exchange, 200, SMART_CONFIGURATION);
    }

    private static String basicCredentials(HttpExchange exchange) {
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        if (header == null || !header.startsWith("Basic ")) {
            return null;
        }
        String decoded = new String(Base64.getDecoder().decode(header.substring(6)), StandardCharsets.UTF_8);
        int colon = decoded.indexOf(':');
        return colon < 0 ? null
                : decode(decoded.substring(0, colon)) + ":" + decode(decoded.substring(colon + 1));
    }

    private static Map<String, String> form(InputStream body) throws IOException {
        Map<String, String> values = new HashMap<>();
        for (String pair : new String(body.readAllBytes(), StandardCharsets.UTF_8).split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0) {
                values.put(decode(pair.substring(0, equals)), decode(pair.substring(equals + 1)));
            }
        }
        return values;
    }

    private static String decode(String value) {
        return URLDecoder.decode(value, StandardCharsets.UTF_8);
    }

    private static void respond(HttpExchange exchange, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
