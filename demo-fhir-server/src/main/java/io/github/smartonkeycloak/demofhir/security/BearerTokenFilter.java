package io.github.smartonkeycloak.demofhir.security;

import java.io.IOException;
import java.util.Optional;
import java.util.Set;

import ca.uhn.fhir.context.FhirContext;
import io.github.smartonkeycloak.demofhir.web.CorsFilter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets a request through only with an active bearer token, as Keycloak's introspection judges it. The discovery
 * documents (CapabilityStatement, SMART configuration) and CORS preflights stay open: a client reads them before it
 * has a token. The introspection result is left on the request for later checks ({@link AuthenticatedRequest}).
 */
public final class BearerTokenFilter extends HttpFilter {

    static final String CHALLENGE = "Bearer realm=\"fhir\"";
    static final String INVALID_TOKEN_CHALLENGE = CHALLENGE
            + ", error=\"invalid_token\", error_description=\"The access token is not active\"";

    private static final Logger LOG = LoggerFactory.getLogger(BearerTokenFilter.class);
    private static final Set<String> OPEN_PATHS = Set.of("/fhir/metadata", "/fhir/.well-known/smart-configuration");
    private static final Set<String> READ_METHODS = Set.of("GET", "HEAD");

    private final TokenIntrospector introspector;
    private final OperationOutcomeResponse outcomes;

    public BearerTokenFilter(TokenIntrospector introspector, FhirContext fhirContext) {
        this.introspector = introspector;
        this.outcomes = new OperationOutcomeResponse(fhirContext);
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (isOpen(request)) {
            chain.doFilter(request, response);
            return;
        }
        Optional<String> token = BearerToken.fromAuthorizationHeader(request.getHeader("Authorization"));
        if (token.isEmpty()) {
            response.setHeader("WWW-Authenticate", CHALLENGE);
            outcomes.write(response, HttpServletResponse.SC_UNAUTHORIZED, IssueType.LOGIN,
                    "This request needs an access token: Authorization: Bearer <token>");
            return;
        }
        Introspection introspection;
        try {
            introspection = introspector.introspect(token.get());
        } catch (IntrospectionUnavailableException e) {
            LOG.warn("Cannot validate an access token, answering 503: {}", e.getMessage());
            outcomes.write(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, IssueType.TRANSIENT,
                    "The access token cannot be validated at the moment; try again later");
            return;
        }
        if (!introspection.active()) {
            response.setHeader("WWW-Authenticate", INVALID_TOKEN_CHALLENGE);
            outcomes.write(response, HttpServletResponse.SC_UNAUTHORIZED, IssueType.LOGIN,
                    "The access token is not active (expired, revoked or unknown)");
            return;
        }
        AuthenticatedRequest.attach(request, introspection);
        chain.doFilter(request, response);
    }

    private static boolean isOpen(HttpServletRequest request) {
        if (CorsFilter.isPreflight(request)) {
            return true;
        }
        String pathInfo = request.getPathInfo();
        String path = request.getServletPath() + (pathInfo == null ? "" : pathInfo);
        return READ_METHODS.contains(request.getMethod()) && OPEN_PATHS.contains(path);
    }
}
