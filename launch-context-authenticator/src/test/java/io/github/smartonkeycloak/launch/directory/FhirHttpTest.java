package io.github.smartonkeycloak.launch.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.smartonkeycloak.core.fhir.FhirUnavailableException;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.impl.client.HttpClients;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The FHIR calls of one page against a real local HTTP server that answers well, badly or very slowly. */
class FhirHttpTest {

    private HttpServer server;
    private CloseableHttpClient client;
    private final ScheduledExecutorService aborts = Executors.newSingleThreadScheduledExecutor();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/fhir/Patient", exchange -> send(exchange, 200, "{\"resourceType\":\"Bundle\"}"));
        server.createContext("/fhir/gone", exchange -> send(exchange, 404, "{}"));
        server.createContext("/fhir/html", exchange -> send(exchange, 200, "<html>proxy</html>"));
        server.createContext("/fhir/huge", exchange -> send(exchange, 200, "[" + "1,".repeat(FhirHttp.MAX_RESPONSE_BYTES) + "1]"));
        server.createContext("/fhir/drip", FhirHttpTest::drip);
        server.createContext("/fhir/token", exchange -> send(exchange, 200,
                "{\"authorization\":\"" + exchange.getRequestHeaders().getFirst("Authorization") + "\"}"));
        server.start();
        client = HttpClients.createDefault();
    }

    @AfterEach
    void stop() throws IOException {
        client.close();
        server.stop(0);
        aborts.shutdownNow();
    }

    private String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/fhir/" + path;
    }

    @Test
    void aGoodAnswerIsJsonAndCarriesTheToken() {
        FhirHttp http = new FhirHttp(client, Duration.ofSeconds(5), aborts);

        assertThat(http.get(url("Patient?_count=1"), "t0k3n").json().path("resourceType").asText()).isEqualTo("Bundle");
        assertThat(http.get(url("token"), "t0k3n").json().path("authorization").asText()).isEqualTo("Bearer t0k3n");
    }

    @Test
    void anotherStatusIsReportedWithoutABody() {
        FhirHttp.Answer answer = new FhirHttp(client, Duration.ofSeconds(5), aborts).get(url("gone"), "t");

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.json()).isNull();
    }

    @Test
    void garbageAndHugeAnswersAreRefused() {
        FhirHttp http = new FhirHttp(client, Duration.ofSeconds(5), aborts);

        assertThatThrownBy(() -> http.get(url("html"), "t")).isInstanceOf(FhirUnavailableException.class)
                .hasMessageContaining("not JSON");
        assertThatThrownBy(() -> http.get(url("huge"), "t")).isInstanceOf(FhirUnavailableException.class)
                .hasMessageContaining("larger than");
    }

    @Test
    void theDeadlineEndsAServerThatKeepsSendingSlowly() {
        FhirHttp http = new FhirHttp(client, Duration.ofMillis(1_500), aborts);
        long started = System.nanoTime();

        // Each byte comes before the read timeout, so only the deadline can end this answer.
        assertThatThrownBy(() -> http.get(url("drip"), "t")).isInstanceOf(FhirUnavailableException.class)
                .hasMessageContaining("did not answer within");

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(2_500));
        assertThatThrownBy(() -> http.get(url("Patient"), "t")).isInstanceOf(FhirUnavailableException.class)
                .hasMessageContaining("did not answer within");
    }

    private static void drip(HttpExchange exchange) throws IOException {
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write('[');
            for (int i = 0; i < 100; i++) {
                out.write("1,".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                Thread.sleep(300);
            }
            out.write('1');
            out.write(']');
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // the client hung up: that is the point
        }
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/fhir+json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
