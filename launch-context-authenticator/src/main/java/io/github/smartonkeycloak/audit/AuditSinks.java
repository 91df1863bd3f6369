package io.github.smartonkeycloak.audit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.apache.http.HttpHeaders;
import org.apache.http.client.config.RequestConfig;
import org.apache.http.client.methods.CloseableHttpResponse;
import org.apache.http.client.methods.HttpPost;
import org.apache.http.entity.ContentType;
import org.apache.http.entity.StringEntity;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.util.EntityUtils;
import org.jboss.logging.Logger;

/** The realm setting {@code smart.auditSink}'s targets: {@code log} and {@code fhir}. */
final class AuditSinks {

    /**
     * The log category of the AuditEvent lines, apart from the pack's other log lines so that an admin can route it
     * (to its own file, a log shipper) or silence it by category.
     */
    static final String LOG_CATEGORY = "smart.audit";

    private static final Logger AUDIT_LOG = Logger.getLogger(LOG_CATEGORY);

    /** One JSON line per AuditEvent, at INFO. */
    static final AuditSink LOG = AUDIT_LOG::info;

    private AuditSinks() {
    }

    /**
     * POSTs the AuditEvent to {@code {fhirBase}/AuditEvent} with the service token. Bounded: {@code timeoutMillis} to
     * connect and per read; the worker is the only thread that waits. An answer other than 2xx fails with its status
     * only, never its body.
     */
    static AuditSink fhir(CloseableHttpClient client, String auditEventUrl, String bearerToken, int timeoutMillis) {
        return json -> {
            HttpPost post = new HttpPost(auditEventUrl);
            post.setConfig(RequestConfig.custom().setConnectTimeout(timeoutMillis).setConnectionRequestTimeout(timeoutMillis)
                    .setSocketTimeout(timeoutMillis).setRedirectsEnabled(false).build());
            post.setHeader(HttpHeaders.AUTHORIZATION, "Bearer " + bearerToken);
            post.setHeader(HttpHeaders.ACCEPT, "application/fhir+json");
            post.setEntity(new StringEntity(json, ContentType.create("application/fhir+json", StandardCharsets.UTF_8)));
            try (CloseableHttpResponse response = client.execute(post)) {
                int status = response.getStatusLine().getStatusCode();
                EntityUtils.consumeQuietly(response.getEntity());
                if (status < 200 || status > 299) {
                    throw new IOException("the FHIR server answered HTTP " + status + " to POST AuditEvent");
                }
            }
        };
    }
}
