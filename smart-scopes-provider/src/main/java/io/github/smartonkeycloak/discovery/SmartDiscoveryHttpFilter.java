package io.github.smartonkeycloak.discovery;

import java.util.regex.Pattern;

import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.Provider;

/**
 * HTTP details of {@code /realms/{realm}/.well-known/smart-configuration} that a {@code WellKnownProvider} cannot
 * control. Keycloak's well-known resource answers 406 (or an HTML error page) unless the client accepts JSON, and
 * echoes the caller's origin with credentials allowed. SMART clients send all kinds of {@code Accept} headers and
 * need a plain public document, so this answers JSON whatever {@code Accept} says and opens CORS with {@code *}:
 * it hides {@code Origin} from Keycloak's own CORS handling and writes the CORS headers itself.
 *
 * <p>Keycloak's Quarkus build registers this JAX-RS filter because the jar carries a Jandex index
 * ({@code META-INF/jandex.idx}); the discovery integration tests fail if a Keycloak upgrade stops doing so.
 */
@Provider
@PreMatching
public final class SmartDiscoveryHttpFilter implements ContainerRequestFilter, ContainerResponseFilter {

    private static final Pattern SMART_CONFIGURATION_PATH =
            Pattern.compile("^/?realms/[^/]+/\\.well-known/smart-configuration/?$");
    private static final String CORS_REQUEST = SmartDiscoveryHttpFilter.class.getName() + ".cors";
    private static final String ORIGIN = "Origin";

    static boolean isSmartConfiguration(String path) {
        return path != null && SMART_CONFIGURATION_PATH.matcher(path).matches();
    }

    @Override
    public void filter(ContainerRequestContext request) {
        if (!isSmartConfiguration(request.getUriInfo().getPath())) {
            return;
        }
        MultivaluedMap<String, String> headers = request.getHeaders();
        headers.putSingle(HttpHeaders.ACCEPT, MediaType.APPLICATION_JSON);
        if (headers.containsKey(ORIGIN)) {
            request.setProperty(CORS_REQUEST, Boolean.TRUE);
            headers.remove(ORIGIN);
        }
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (request.getProperty(CORS_REQUEST) == null) {
            return;
        }
        MultivaluedMap<String, Object> headers = response.getHeaders();
        // A public document: any origin may read it, and no cookies are involved.
        headers.putSingle("Access-Control-Allow-Origin", "*");
        if (HttpMethod.OPTIONS.equals(request.getMethod())) {
            headers.putSingle("Access-Control-Allow-Methods", "GET, OPTIONS");
            headers.putSingle("Access-Control-Allow-Headers", "Accept, Content-Type, Origin, X-Requested-With");
            headers.putSingle("Access-Control-Max-Age", "3600");
        }
    }
}
