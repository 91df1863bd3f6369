package io.github.smartonkeycloak.it.support;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A FHIR server that misbehaves on demand, for the pack's error handling: it answers 5xx, answers garbage, answers
 * too late, answers with markup in the names, pages slowly, answers a read with another resource, or answers
 * properly with Amy's and Ben's Patient records. It also notes every request that reaches it, on any path, so a test
 * can stand it in for a host that must receive nothing.
 */
public final class StubFhirServer implements AutoCloseable {

    public enum Behaviour { HEALTHY, HOSTILE, SERVER_ERROR, NOT_JSON, NOT_A_BUNDLE, SLOW, SLOW_PAGES, WRONG_RESOURCE }

    private static final String PATIENTS = """
            {"resourceType":"Bundle","type":"searchset","entry":[
              {"resource":{"resourceType":"Patient","id":"amy-shaw","name":[{"given":["Amy"],"family":"Shaw"}],"birthDate":"1987-02-20"}},
              {"resource":{"resourceType":"Patient","id":"ben-shaw","name":[{"given":["Ben"],"family":"Shaw"}],"birthDate":"2016-05-11"}}]}""";
    /** Names and dates written to break out of HTML, as a compromised or careless FHIR server might send them. */
    private static final String HOSTILE_PATIENTS = """
            {"resourceType":"Bundle","type":"searchset","entry":[
              {"resource":{"resourceType":"Patient","id":"amy-shaw","name":[{"text":"<script>alert('amy')</script>"}],"birthDate":"\\"><img src=x onerror=alert(1)>"}},
              {"resource":{"resourceType":"Patient","id":"ben-shaw","name":[{"given":["<b>Ben</b>"],"family":"Shaw & Co"}],"gender":"<i>male</i>"}}]}""";
    /** What a careless server might answer to a read of {@code Patient/<id>}. */
    private static final String PRACTITIONER = """
            {"resourceType":"Practitioner","id":"amy-shaw","name":[{"given":["Not"],"family":"A Patient"}]}""";
    private static final int SLOW_MILLIS = 8_000;
    /** Each page of a {@link Behaviour#SLOW_PAGES} search takes this long, and has a next page. */
    public static final int SLOW_PAGE_MILLIS = 3_000;

    private final HttpServer server;
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private volatile Behaviour behaviour = Behaviour.HEALTHY;

    public StubFhirServer() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/fhir", this::answer);
        server.createContext("/", this::notFound);
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
    }

    public String baseUrl() {
        return "http://localhost:" + server.getAddress().getPort() + "/fhir";
    }

    /** {@code 127.0.0.1:<port>}: a Host header value that reaches this server. */
    public String hostAndPort() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    public void behave(Behaviour behaviour) {
        this.behaviour = behaviour;
    }

    /** Every request so far, as {@code METHOD path?query}, with {@code (Authorization)} if it carried credentials. */
    public List<String> requests() {
        return List.copyOf(requests);
    }

    public void forgetRequests() {
        requests.clear();
    }

    private void note(HttpExchange exchange) {
        boolean credentials = exchange.getRequestHeaders().containsKey("Authorization");
        requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + (credentials ? " (Authorization)" : ""));
    }

    private void notFound(HttpExchange exchange) throws IOException {
        note(exchange);
        send(exchange, 404, "text/plain", "not here");
    }

    private void answer(HttpExchange exchange) throws IOException {
        note(exchange);
        switch (behaviour) {
            case HEALTHY -> send(exchange, 200, "application/fhir+json", PATIENTS);
            case HOSTILE -> send(exchange, 200, "application/fhir+json", HOSTILE_PATIENTS);
            case SERVER_ERROR -> send(exchange, 503, "text/plain", "maintenance");
            case NOT_JSON -> send(exchange, 200, "text/html", "<html><body>Welcome to the proxy</body></html>");
            case NOT_A_BUNDLE -> send(exchange, 200, "application/fhir+json", "{\"resourceType\":\"OperationOutcome\"}");
            case SLOW -> {
                sleep(SLOW_MILLIS);
                send(exchange, 200, "application/fhir+json", PATIENTS);
            }
            case SLOW_PAGES -> {
                sleep(SLOW_PAGE_MILLIS);
                send(exchange, 200, "application/fhir+json", PATIENTS.replace("\"type\":\"searchset\",",
                        "\"type\":\"searchset\",\"link\":[{\"relation\":\"next\",\"url\":\"" + baseUrl()
                                + "/Patient?_getpages=" + requests.size() + "\"}],"));
            }
            case WRONG_RESOURCE -> send(exchange, 200, "application/fhir+json",
                    exchange.getRequestURI().getPath().startsWith("/fhir/Patient/") ? PRACTITIONER : PATIENTS);
        }
    }

    private static void sleep(int millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
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
