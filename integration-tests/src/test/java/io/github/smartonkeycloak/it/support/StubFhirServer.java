package io.github.smartonkeycloak.it.support;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A FHIR server that misbehaves on demand, for the pack's error handling: it answers 5xx, answers garbage, answers
 * too late, answers with markup in the names, or answers properly with Amy's and Ben's Patient records.
 */
public final class StubFhirServer implements AutoCloseable {

    public enum Behaviour { HEALTHY, HOSTILE, SERVER_ERROR, NOT_JSON, NOT_A_BUNDLE, SLOW }

    private static final String PATIENTS = """
            {"resourceType":"Bundle","type":"searchset","entry":[
              {"resource":{"resourceType":"Patient","id":"amy-shaw","name":[{"given":["Amy"],"family":"Shaw"}],"birthDate":"1987-02-20"}},
              {"resource":{"resourceType":"Patient","id":"ben-shaw","name":[{"given":["Ben"],"family":"Shaw"}],"birthDate":"2016-05-11"}}]}""";
    /** Names and dates written to break out of HTML, as a compromised or careless FHIR server might send them. */
    private static final String HOSTILE_PATIENTS = """
            {"resourceType":"Bundle","type":"searchset","entry":[
              {"resource":{"resourceType":"Patient","id":"amy-shaw","name":[{"text":"<script>alert('amy')</script>"}],"birthDate":"\\"><img src=x onerror=alert(1)>"}},
              {"resource":{"resourceType":"Patient","id":"ben-shaw","name":[{"given":["<b>Ben</b>"],"family":"Shaw & Co"}],"gender":"<i>male</i>"}}]}""";
    private static final int SLOW_MILLIS = 8_000;

    private final HttpServer server;
    private volatile Behaviour behaviour = Behaviour.HEALTHY;

    public StubFhirServer() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/fhir", this::answer);
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
    }

    public String baseUrl() {
        return "http://localhost:" + server.getAddress().getPort() + "/fhir";
    }

    public void behave(Behaviour behaviour) {
        this.behaviour = behaviour;
    }

    private void answer(HttpExchange exchange) throws IOException {
        switch (behaviour) {
            case HEALTHY -> send(exchange, 200, "application/fhir+json", PATIENTS);
            case HOSTILE -> send(exchange, 200, "application/fhir+json", HOSTILE_PATIENTS);
            case SERVER_ERROR -> send(exchange, 503, "text/plain", "maintenance");
            case NOT_JSON -> send(exchange, 200, "text/html", "<html><body>Welcome to the proxy</body></html>");
            case NOT_A_BUNDLE -> send(exchange, 200, "application/fhir+json", "{\"resourceType\":\"OperationOutcome\"}");
            case SLOW -> {
                try {
                    Thread.sleep(SLOW_MILLIS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                send(exchange, 200, "application/fhir+json", PATIENTS);
            }
        }
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
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
