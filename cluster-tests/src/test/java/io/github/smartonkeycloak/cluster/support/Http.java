package io.github.smartonkeycloak.cluster.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A small HTTP client for the tests (HTTP/1.1, no redirects followed, optional cookies like one browser) whose
 * requests for public URLs go to a {@link Target} that a test may change between two requests.
 */
public final class Http {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client;
    private volatile Target target;

    private Http(HttpClient client, Target target) {
        this.client = client;
        this.target = target;
    }

    public static Http plain(Target target) {
        return new Http(builder().build(), target);
    }

    /** A client that keeps cookies for every node alike, like one browser behind the load balancer. */
    public static Http browser(Target target) {
        return new Http(builder().cookieHandler(new LocalhostCookieJar()).build(), target);
    }

    /** A client that trusts only this certificate (nginx's self-signed one). */
    public static Http trusting(Path certificate, Target target) {
        try (InputStream in = Files.newInputStream(certificate)) {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            store.setCertificateEntry("nginx", CertificateFactory.getInstance("X.509").generateCertificate(in));
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            SSLContext ssl = SSLContext.getInstance("TLS");
            ssl.init(null, trust.getTrustManagers(), null);
            return new Http(builder().sslContext(ssl).build(), target);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static HttpClient.Builder builder() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(TIMEOUT);
    }

    /** Sends the next requests to this target. */
    public Http via(Target target) {
        this.target = target;
        return this;
    }

    public Target target() {
        return target;
    }

    public Response get(String url, String... headers) {
        return send(HttpRequest.newBuilder(URI.create(target.rewrite(url))).GET(), headers);
    }

    public Response postForm(String url, Map<String, String> form, String... headers) {
        return postForm(url, List.copyOf(form.entrySet()), headers);
    }

    public Response postForm(String url, List<Map.Entry<String, String>> form, String... headers) {
        return send(HttpRequest.newBuilder(URI.create(target.rewrite(url)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(formEncode(form))), headers);
    }

    public Response postJson(String url, String json, String... headers) {
        return send(HttpRequest.newBuilder(URI.create(target.rewrite(url))).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)), headers);
    }

    public static String formEncode(Map<String, String> form) {
        return formEncode(List.copyOf(form.entrySet()));
    }

    private static String formEncode(List<Map.Entry<String, String>> form) {
        return form.stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }

    public static String basic(String user, String password) {
        return "Basic " + java.util.Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private Response send(HttpRequest.Builder request, String... headers) {
        request.timeout(TIMEOUT);
        String[] routing = target.headers();
        for (int i = 0; i + 1 < routing.length; i += 2) {
            request.header(routing[i], routing[i + 1]);
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            return new Response(client.send(request.build(), HttpResponse.BodyHandlers.ofString()), target);
        } catch (IOException e) {
            throw new UncheckedIOException("No answer from " + target, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** An answer, and which target gave it. */
    public record Response(HttpResponse<String> raw, Target from) {

        public int status() {
            return raw.statusCode();
        }

        public String body() {
            return raw.body();
        }

        public Optional<String> header(String name) {
            return raw.headers().firstValue(name);
        }

        public JsonNode json() {
            try {
                return JSON.readTree(raw.body());
            } catch (IOException e) {
                throw new AssertionError("Not JSON (HTTP " + status() + " from " + from + "): " + body(), e);
            }
        }

        @Override
        public String toString() {
            return "HTTP " + status() + " from " + from + ": " + body();
        }
    }
}
