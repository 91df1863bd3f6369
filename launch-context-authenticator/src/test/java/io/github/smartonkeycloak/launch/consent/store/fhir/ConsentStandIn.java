package io.github.smartonkeycloak.launch.consent.store.fhir;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.keycloak.util.JsonSerialization;

/**
 * A local HTTP server that keeps Consent resources the way a FHIR server does for the calls the store makes:
 * conditional create on {@code identifier}, update by id, search by {@code patient}, by {@code actor:identifier} and
 * {@code status}. Unit tests only; the integration tests use the demo FHIR server.
 */
final class ConsentStandIn implements AutoCloseable {

    final Map<String, ObjectNode> consents = new LinkedHashMap<>();
    final AtomicInteger searches = new AtomicInteger();
    final AtomicInteger writes = new AtomicInteger();
    volatile int failWith;
    private final HttpServer server;
    private int nextId = 1;

    ConsentStandIn() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/fhir/Consent", this::handle);
        server.start();
    }

    String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/fhir";
    }

    private synchronized void handle(HttpExchange exchange) throws IOException {
        if (failWith != 0) {
            send(exchange, failWith, "{\"resourceType\":\"OperationOutcome\"}");
            return;
        }
        String path = exchange.getRequestURI().getPath();
        switch (exchange.getRequestMethod()) {
            case "GET" -> search(exchange);
            case "POST" -> create(exchange);
            case "PUT" -> update(exchange, path.substring(path.lastIndexOf('/') + 1));
            default -> send(exchange, 405, "{}");
        }
    }

    private void search(HttpExchange exchange) throws IOException {
        searches.incrementAndGet();
        Map<String, String> query = new LinkedHashMap<>();
        for (String pair : exchange.getRequestURI().getRawQuery().split("&")) {
            String[] parts = pair.split("=", 2);
            query.put(URLDecoder.decode(parts[0], StandardCharsets.UTF_8), URLDecoder.decode(parts[1], StandardCharsets.UTF_8));
        }
        ObjectNode bundle = JsonSerialization.mapper.createObjectNode().put("resourceType", "Bundle").put("type", "searchset");
        ArrayNode entries = bundle.putArray("entry");
        for (ObjectNode consent : consents.values()) {
            if (matches(consent, query)) {
                entries.addObject().set("resource", consent);
            }
        }
        send(exchange, 200, bundle.toString());
    }

    private static boolean matches(JsonNode consent, Map<String, String> query) {
        String patient = query.get("patient");
        if (patient != null && !patient.equals(consent.path("patient").path("reference").asText())) {
            return false;
        }
        String status = query.get("status");
        if (status != null && !status.equals(consent.path("status").asText())) {
            return false;
        }
        String actor = query.get("actor:identifier");
        if (actor != null) {
            boolean named = false;
            for (JsonNode each : consent.path("provision").path("actor")) {
                JsonNode identifier = each.path("reference").path("identifier");
                named |= actor.equals(identifier.path("system").asText() + "|" + identifier.path("value").asText());
            }
            return named;
        }
        return true;
    }

    private void create(HttpExchange exchange) throws IOException {
        ObjectNode consent = (ObjectNode) JsonSerialization.mapper.readTree(exchange.getRequestBody());
        String ifNoneExist = exchange.getRequestHeaders().getFirst("If-None-Exist");
        if (ifNoneExist != null) {
            String wanted = ifNoneExist.substring("identifier=".length());
            for (ObjectNode existing : consents.values()) {
                JsonNode identifier = existing.path("identifier").path(0);
                if (wanted.equals(identifier.path("system").asText() + "|" + identifier.path("value").asText())) {
                    send(exchange, 200, existing.toString());
                    return;
                }
            }
        }
        writes.incrementAndGet();
        String id = String.valueOf(nextId++);
        consent.put("id", id);
        consents.put(id, consent);
        send(exchange, 201, consent.toString());
    }

    private void update(HttpExchange exchange, String id) throws IOException {
        writes.incrementAndGet();
        ObjectNode consent = (ObjectNode) JsonSerialization.mapper.readTree(exchange.getRequestBody());
        consent.put("id", id);
        consents.put(id, consent);
        send(exchange, 200, consent.toString());
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/fhir+json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
