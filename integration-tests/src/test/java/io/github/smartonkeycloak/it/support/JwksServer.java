package io.github.smartonkeycloak.it.support;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/** A SMART app's JWKS URL, served by the test: its keys can change, it can go down, and it counts the fetches. */
public final class JwksServer implements AutoCloseable {

    private final HttpServer server;
    private final AtomicInteger fetches = new AtomicInteger();
    private volatile String jwks = "{\"keys\":[]}";
    private volatile boolean down;

    public JwksServer() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/", this::answer);
        server.start();
    }

    /** A URL of this server; each path is a JWKS URL of its own for Keycloak's key cache. */
    public String url(String path) {
        return "http://localhost:" + server.getAddress().getPort() + "/" + path + "/jwks.json";
    }

    public void serve(ClientKey... keys) {
        this.jwks = ClientKey.jwks(keys);
    }

    /** While down, every fetch answers 503. */
    public void down(boolean down) {
        this.down = down;
    }

    public int fetches() {
        return fetches.get();
    }

    private void answer(HttpExchange exchange) throws IOException {
        fetches.incrementAndGet();
        byte[] body = (down ? "unavailable" : jwks).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", down ? "text/plain" : "application/json");
        exchange.sendResponseHeaders(down ? 503 : 200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
