package io.github.smartonkeycloak.launch.directory;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.smartonkeycloak.core.fhir.FhirUnavailableException;
import org.apache.http.HttpEntity;
import org.apache.http.HttpHeaders;
import org.apache.http.client.config.RequestConfig;
import org.apache.http.client.methods.CloseableHttpResponse;
import org.apache.http.client.methods.HttpGet;
import org.apache.http.client.methods.HttpPost;
import org.apache.http.client.methods.HttpPut;
import org.apache.http.client.methods.HttpRequestBase;
import org.apache.http.entity.ContentType;
import org.apache.http.entity.StringEntity;
import org.apache.http.impl.client.CloseableHttpClient;
import org.keycloak.util.JsonSerialization;

/**
 * Calls to the FHIR server (reads, searches, and the writes of consent records) for one page or token request, with Keycloak's HTTP client, bounded in time and size: 2 s to connect, 5 s per
 * read, 2 MB per answer, and one deadline for all the calls of the page. At the deadline the call in flight is
 * aborted even while the server is still sending: read timeouts alone let a slow or drip-feeding server hold a
 * request thread for minutes. Keycloak's {@code SimpleHttp} cannot abort a request, hence the plain client.
 */
public final class FhirHttp {

    static final int CONNECT_TIMEOUT_MILLIS = 2_000;
    static final int READ_TIMEOUT_MILLIS = 5_000;
    static final int MAX_RESPONSE_BYTES = 2_000_000;

    /** An answer's status, and its JSON body when the status is 200 or 201. */
    public record Answer(int status, JsonNode json) {
    }

    private static final ContentType FHIR_JSON = ContentType.create("application/fhir+json", "UTF-8");

    private final CloseableHttpClient client;
    private final Duration budget;
    private final long deadlineNanos;
    private final ScheduledExecutorService aborts;

    /** Calls within {@code budget} from now; {@code aborts} (the factory's) ends the call in flight at the deadline. */
    public FhirHttp(CloseableHttpClient client, Duration budget, ScheduledExecutorService aborts) {
        this.client = client;
        this.budget = budget;
        this.deadlineNanos = System.nanoTime() + budget.toNanos();
        this.aborts = aborts;
    }

    public Answer get(String url, String bearerToken) {
        return execute(new HttpGet(url), bearerToken);
    }

    /** Updates (or, with a client-chosen id, creates) the resource at {@code url}. */
    public Answer put(String url, String bearerToken, String resourceJson) {
        HttpPut request = new HttpPut(url);
        request.setEntity(new StringEntity(resourceJson, FHIR_JSON));
        return execute(request, bearerToken);
    }

    /**
     * Creates a resource; with {@code ifNoneExist} (a search such as {@code identifier=system|value}) the server
     * creates it only when that search finds nothing (FHIR conditional create), so two racing writers make one.
     */
    public Answer post(String url, String bearerToken, String resourceJson, String ifNoneExist) {
        HttpPost request = new HttpPost(url);
        request.setEntity(new StringEntity(resourceJson, FHIR_JSON));
        if (ifNoneExist != null) {
            request.setHeader("If-None-Exist", ifNoneExist);
        }
        request.setHeader("Prefer", "return=representation");
        return execute(request, bearerToken);
    }

    private Answer execute(HttpRequestBase request, String bearerToken) {
        long leftMillis = TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime());
        if (leftMillis <= 0) {
            throw overDeadline(null);
        }
        int connectMillis = (int) Math.min(CONNECT_TIMEOUT_MILLIS, leftMillis);
        request.setConfig(RequestConfig.custom()
                .setConnectTimeout(connectMillis)
                .setConnectionRequestTimeout(connectMillis)
                .setSocketTimeout((int) Math.min(READ_TIMEOUT_MILLIS, leftMillis))
                .setRedirectsEnabled(false)
                .build());
        request.setHeader(HttpHeaders.AUTHORIZATION, "Bearer " + bearerToken);
        request.setHeader(HttpHeaders.ACCEPT, "application/fhir+json");
        ScheduledFuture<?> abort = aborts.schedule(request::abort, leftMillis, TimeUnit.MILLISECONDS);
        try (CloseableHttpResponse response = client.execute(request)) {
            int status = response.getStatusLine().getStatusCode();
            boolean hasBody = status == 200 || status == 201;
            return new Answer(status, hasBody ? json(request, response.getEntity()) : null);
        } catch (IOException e) {
            if (request.isAborted()) {
                throw overDeadline(e);
            }
            throw new FhirUnavailableException("the FHIR server did not answer in time or sent something that is not JSON", e);
        } finally {
            abort.cancel(false);
        }
    }

    private static JsonNode json(HttpRequestBase request, HttpEntity entity) throws IOException {
        if (entity == null) {
            throw new FhirUnavailableException("the FHIR server answered without a body");
        }
        try (InputStream body = entity.getContent()) {
            byte[] bytes = body.readNBytes(MAX_RESPONSE_BYTES + 1);
            if (bytes.length > MAX_RESPONSE_BYTES) {
                // Closing the stream would read the rest of the answer first.
                request.abort();
                throw new FhirUnavailableException("the FHIR server's answer is larger than " + MAX_RESPONSE_BYTES + " bytes");
            }
            return JsonSerialization.mapper.readTree(bytes);
        }
    }

    private FhirUnavailableException overDeadline(IOException cause) {
        return new FhirUnavailableException("the FHIR server did not answer within this page's " + budget.toSeconds()
                + " s", cause);
    }
}
