package io.github.smartonkeycloak.demofhir.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import ca.uhn.fhir.context.FhirContext;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;

/** Plain HTTP against the demo server, so tests see status codes and headers exactly as a client would. */
public final class FhirHttp {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final FhirContext FHIR = FhirContext.forR4Cached();

    private final HttpClient client;
    private final String baseUrl;
    private final String token;

    public FhirHttp(String baseUrl) {
        this(HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).connectTimeout(TIMEOUT).build(),
                baseUrl, FakeKeycloak.GOOD_TOKEN);
    }

    private FhirHttp(HttpClient client, String baseUrl, String token) {
        this.client = client;
        this.baseUrl = baseUrl;
        this.token = token;
    }

    /** The same server, with another token for {@link #getWithToken}, {@link #fetch} and {@link #search}. */
    public FhirHttp withToken(String otherToken) {
        return new FhirHttp(client, baseUrl, otherToken);
    }

    /**
     * GET with this client's token ({@link FakeKeycloak#GOOD_TOKEN} unless {@link #withToken chosen});
     * {@code pathOrUrl} is relative to the base URL unless absolute.
     */
    public HttpResponse<String> getWithToken(String pathOrUrl) {
        return get(pathOrUrl, "Authorization", "Bearer " + token, "Accept", "application/fhir+json");
    }

    /** POST (create) or PUT (update) of a FHIR JSON body, with this client's token. */
    public HttpResponse<String> write(String method, String path, String json) {
        return send(HttpRequest.newBuilder(uri(path)).method(method, HttpRequest.BodyPublishers.ofString(json)),
                "Authorization", "Bearer " + token, "Accept", "application/fhir+json",
                "Content-Type", "application/fhir+json");
    }

    /** The same with a resource, encoded as JSON. */
    public HttpResponse<String> write(String method, String path, IBaseResource resource) {
        return write(method, path, FHIR.newJsonParser().encodeResourceToString(resource));
    }

    public HttpResponse<String> get(String pathOrUrl, String... headers) {
        return send(HttpRequest.newBuilder(uri(pathOrUrl)).GET(), headers);
    }

    public HttpResponse<String> options(String pathOrUrl, String... headers) {
        return send(HttpRequest.newBuilder(uri(pathOrUrl)).method("OPTIONS", HttpRequest.BodyPublishers.noBody()),
                headers);
    }

    /** An authorised search or read that must answer 200; the body parsed. */
    public <T extends IBaseResource> T fetch(String pathOrUrl, Class<T> type) {
        HttpResponse<String> response = getWithToken(pathOrUrl);
        if (response.statusCode() != 200) {
            throw new AssertionError("GET " + pathOrUrl + " answered " + response.statusCode() + ": " + response.body());
        }
        return parse(response.body(), type);
    }

    public Bundle search(String pathAndQuery) {
        return fetch(pathAndQuery, Bundle.class);
    }

    public static <T extends IBaseResource> T parse(String json, Class<T> type) {
        return FHIR.newJsonParser().parseResource(type, json);
    }

    private URI uri(String pathOrUrl) {
        return URI.create(pathOrUrl.startsWith("http") ? pathOrUrl : baseUrl + "/" + pathOrUrl);
    }

    private HttpResponse<String> send(HttpRequest.Builder request, String... headers) {
        request.timeout(TIMEOUT);
        if (headers.length > 0) {
            request.headers(headers);
        }
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError("Request failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted", e);
        }
    }
}
