package io.github.smartonkeycloak.demofhir.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * {@code GET /app/...}: the demo SMART app, three static files read once from {@code demo-app/} on the class path.
 * Only those files are served (no listing, nothing else of the class path), never cached by the browser, and under a
 * strict Content-Security-Policy: scripts and styles from this server only, {@code fetch} to this server and to
 * Keycloak's origin only. No token is needed: the app is what fetches one.
 */
public final class DemoAppServlet extends HttpServlet {

    static final String RESOURCE_DIRECTORY = "demo-app/";
    static final String INDEX = "index.html";
    private static final Map<String, String> CONTENT_TYPES = Map.of(
            INDEX, "text/html;charset=utf-8",
            "app.js", "text/javascript;charset=utf-8",
            "app.css", "text/css;charset=utf-8");

    private final Map<String, byte[]> files;
    private final String contentSecurityPolicy;

    /** @param keycloakRealmUrl the realm's base URL; its origin is the only other one the app may call */
    public DemoAppServlet(String keycloakRealmUrl) {
        this.files = CONTENT_TYPES.keySet().stream()
                .collect(Collectors.toUnmodifiableMap(Function.identity(), DemoAppServlet::load));
        this.contentSecurityPolicy = contentSecurityPolicy(origin(keycloakRealmUrl));
    }

    /** The policy for every answer of this servlet; {@code keycloakOrigin} is added to {@code connect-src}. */
    static String contentSecurityPolicy(String keycloakOrigin) {
        return "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self' "
                + keycloakOrigin + "; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
    }

    /** {@code scheme://host[:port]} of an absolute http(s) URL, lower-cased as browsers compare it. */
    static String origin(String url) {
        URI uri = URI.create(url);
        if (uri.getScheme() == null || uri.getHost() == null) {
            throw new IllegalArgumentException("Not an absolute URL: " + url);
        }
        return uri.getScheme().toLowerCase(Locale.ROOT) + "://" + uri.getHost().toLowerCase(Locale.ROOT)
                + (uri.getPort() == -1 ? "" : ":" + uri.getPort());
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("Content-Security-Policy", contentSecurityPolicy);
        response.setHeader("X-Content-Type-Options", "nosniff");
        // The callback URL carries the authorization code: never send it on as a Referer.
        response.setHeader("Referrer-Policy", "no-referrer");

        String path = request.getPathInfo();
        if (path == null) {
            // /app -> /app/, keeping ?launch=...&iss=... of an EHR launch.
            String query = request.getQueryString();
            response.sendRedirect(request.getRequestURI() + "/" + (query == null ? "" : "?" + query));
            return;
        }
        String name = "/".equals(path) ? INDEX : path.substring(1);
        byte[] body = files.get(name);
        if (body == null) {
            body = "Not found\n".getBytes(StandardCharsets.UTF_8);
            response.setStatus(HttpServletResponse.SC_NOT_FOUND);
            response.setContentType("text/plain;charset=utf-8");
        } else {
            response.setStatus(HttpServletResponse.SC_OK);
            response.setContentType(CONTENT_TYPES.get(name));
        }
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    private static byte[] load(String name) {
        String resource = RESOURCE_DIRECTORY + name;
        try (InputStream in = DemoAppServlet.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Missing on the class path: " + resource);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + resource, e);
        }
    }
}
