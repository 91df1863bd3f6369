package io.github.smartonkeycloak.demofhir.web;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.smartonkeycloak.demofhir.keycloak.KeycloakHttp;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /fhir/.well-known/smart-configuration}: relays the realm's SMART configuration byte for byte. Keycloak
 * is the authority on its endpoints and capabilities, so the document is fetched on every request (it is small) and
 * never rewritten; apps that discover from the FHIR base URL see exactly what Keycloak publishes.
 */
public final class SmartConfigurationServlet extends HttpServlet {

    private static final Logger LOG = LoggerFactory.getLogger(SmartConfigurationServlet.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final URI source;

    public SmartConfigurationServlet(HttpClient http, URI source) {
        this.http = http;
        this.source = source;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        HttpResponse<byte[]> upstream;
        try {
            upstream = http.send(HttpRequest.newBuilder(source)
                    .timeout(KeycloakHttp.REQUEST_TIMEOUT)
                    .header("Accept", "application/json")
                    .GET()
                    .build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            LOG.warn("SMART configuration unreachable at {}: {}", source, e.getClass().getSimpleName());
            writeError(response, "The SMART configuration could not be fetched from the authorization server");
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            writeError(response, "Interrupted while fetching the SMART configuration");
            return;
        }
        if (upstream.statusCode() != HttpServletResponse.SC_OK) {
            LOG.warn("SMART configuration at {} answered HTTP {}", source, upstream.statusCode());
            writeError(response, "The authorization server answered HTTP " + upstream.statusCode()
                    + " for its SMART configuration");
            return;
        }
        byte[] body = upstream.body();
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType("application/json");
        response.setHeader("Cache-Control", "no-cache");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    private static void writeError(HttpServletResponse response, String description) throws IOException {
        ObjectNode error = JSON.createObjectNode()
                .put("error", "temporarily_unavailable")
                .put("error_description", description);
        byte[] body = JSON.writeValueAsBytes(error);
        response.setStatus(HttpServletResponse.SC_BAD_GATEWAY);
        response.setContentType("application/json");
        response.setHeader("Cache-Control", "no-cache");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
