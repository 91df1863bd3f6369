package io.github.smartonkeycloak.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import org.keycloak.util.JsonSerialization;

/**
 * A small HTTP client for the tests: HTTP/1.1 as browsers speak it to a plain-http server, no redirects followed (the tests look at every hop, as Inferno does), and an
 * optional cookie jar so one instance can play one browser.
 */
public final class Http {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient client;

    private Http(HttpClient client) {
        this.client = client;
    }

    /** A client without cookies. */
    public static Http plain() {
        return new Http(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(TIMEOUT).build());
    }

    /** A client that keeps cookies, like one browser. */
    public static Http browser() {
        return new Http(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(TIMEOUT)
                .cookieHandler(new LocalhostCookieJar()).build());
    }

    public Response get(String url, String... headers) {
        return send(HttpRequest.newBuilder(URI.create(url)).GET(), headers);
    }

    public Response delete(String url, String... headers) {
        return send(HttpRequest.newBuilder(URI.create(url)).DELETE(), headers);
    }

    public Response options(String url, String... headers) {
        return send(HttpRequest.newBuilder(URI.create(url)).method("OPTIONS", HttpRequest.BodyPublishers.noBody()), headers);
    }

    public Response postForm(String url, Map<String, String> form, String... headers) {
        return postForm(url, List.copyOf(form.entrySet()), headers);
    }

    /** A form POST whose fields may repeat (several {@code scope} checkboxes, say). */
    public Response postForm(String url, List<Map.Entry<String, String>> form, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(formEncode(form)));
        return send(request, headers);
    }

    public Response postJson(String url, String json, String... headers) {
        return send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)), headers);
    }

    public Response putJson(String url, String json, String... headers) {
        return send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/fhir+json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)), headers);
    }

    public static String formEncode(Map<String, String> form) {
        return formEncode(List.copyOf(form.entrySet()));
    }

    private static String formEncode(List<Map.Entry<String, String>> form) {
        return form.stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    public static String basic(String user, String password) {
        return "Basic " + java.util.Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private Response send(HttpRequest.Builder request, String... headers) {
        request.timeout(TIMEOUT);
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static final class Response {

        private final HttpResponse<String> response;

        public Response(HttpResponse<String> response) {
            this.response = response;
        }

        public int status() {
            return response.statusCode();
        }

        public String body() {
            return response.body();
        }

        public Optional<String> header(String name) {
            return response.headers().firstValue(name);
        }

        public java.util.List<String> headers(String name) {
            return response.headers().allValues(name);
        }

        public JsonNode json() {
            try {
                return JsonSerialization.mapper.readTree(response.body());
            } catch (IOException e) {
                throw new AssertionError("Not JSON (HTTP " + status() + "): " + body(), e);
            }
        }

        @Override
        public String toString() {
            return "HTTP " + status() + " " + body();
        }
    }
}
