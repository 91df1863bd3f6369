package io.github.smartonkeycloak.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import com.sun.net.httpserver.HttpServer;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.impl.client.HttpClients;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The {@code fhir} sink against a small HTTP receiver: the POST it makes, and its bounds. */
class AuditSinksTest {

    private final AtomicReference<String> body = new AtomicReference<>();
    private final AtomicReference<String> authorization = new AtomicReference<>();
    private final AtomicReference<String> contentType = new AtomicReference<>();
    private final AtomicInteger status = new AtomicInteger(201);
    private final AtomicInteger delayMillis = new AtomicInteger();
    private HttpServer server;
    private CloseableHttpClient client;
    private String url;

    @BeforeEach
    void aReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/fhir/AuditEvent", exchange -> {
            body.set(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            authorization.set(exchange.getRequestHeaders().getFirst("Authorization"));
            contentType.set(exchange.getRequestHeaders().getFirst("Content-Type"));
            try {
                Thread.sleep(delayMillis.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] answer = "{\"resourceType\":\"AuditEvent\",\"id\":\"1\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status.get(), answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        });
        server.start();
        url = "http://127.0.0.1:" + server.getAddress().getPort() + "/fhir/AuditEvent";
        client = HttpClients.createDefault();
    }

    @AfterEach
    void stop() throws IOException {
        client.close();
        server.stop(0);
    }

    @Test
    void postsTheAuditEventAsFhirJsonWithTheServiceToken() throws Exception {
        AuditSinks.fhir(client, url, "service-token", 2000).write("{\"resourceType\":\"AuditEvent\"}");

        assertThat(body.get()).isEqualTo("{\"resourceType\":\"AuditEvent\"}");
        assertThat(authorization.get()).isEqualTo("Bearer service-token");
        assertThat(contentType.get()).startsWith("application/fhir+json");
    }

    @Test
    void anErrorStatusFailsWithTheStatusOnly() {
        status.set(403);

        assertThatThrownBy(() -> AuditSinks.fhir(client, url, "t", 2000).write("{}"))
                .isInstanceOf(IOException.class).hasMessage("the FHIR server answered HTTP 403 to POST AuditEvent");
    }

    @Test
    void aSlowReceiverFailsWithinTheTimeout() {
        delayMillis.set(3000);
        long start = System.nanoTime();

        assertThatThrownBy(() -> AuditSinks.fhir(client, url, "t", 300).write("{}")).isInstanceOf(IOException.class);

        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(2500);
    }
}
