package io.github.smartonkeycloak.demofhir.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.Test;

/** The introspection result reaches request handling: what a later SMART scope check will read. */
class AuthenticatedRequestTest {

    @Test
    void filterHandsTheClaimsOnToRequestHandling() throws Exception {
        Introspection granted = new Introspection(true, Map.of("active", true, "scope", "patient/Patient.rs launch"));
        BearerTokenFilter filter = new BearerTokenFilter(token -> "t-1".equals(token) ? granted
                : Introspection.inactive(), FhirContext.forR4Cached());
        HttpServletRequest request = request("GET", "/Patient", "Bearer t-1");
        AtomicReference<Optional<Introspection>> seen = new AtomicReference<>();

        filter.doFilter(request, unusedResponse(), (req, res) -> seen.set(AuthenticatedRequest
                .introspection(new ServletRequestDetails().setServletRequest((HttpServletRequest) req))));

        assertThat(seen.get()).hasValue(granted);
        assertThat(seen.get().orElseThrow().scopes()).containsExactly("patient/Patient.rs", "launch");
    }

    @Test
    void openRequestsCarryNoIntrospection() throws Exception {
        BearerTokenFilter filter = new BearerTokenFilter(token -> {
            throw new AssertionError("metadata must not be introspected");
        }, FhirContext.forR4Cached());
        HttpServletRequest request = request("GET", "/metadata", null);
        AtomicReference<Optional<Introspection>> seen = new AtomicReference<>();

        filter.doFilter(request, unusedResponse(), (req, res) -> seen.set(
                AuthenticatedRequest.introspection((HttpServletRequest) req)));

        assertThat(seen.get()).isEmpty();
    }

    /** A request to the HAPI servlet at /fhir, with working attributes; nothing else is needed by the filter. */
    private static HttpServletRequest request(String method, String pathInfo, String authorization) {
        Map<String, Object> attributes = new HashMap<>();
        return (HttpServletRequest) Proxy.newProxyInstance(HttpServletRequest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, called, args) -> {
                    switch (called.getName()) {
                        case "getMethod":
                            return method;
                        case "getServletPath":
                            return "/fhir";
                        case "getPathInfo":
                            return pathInfo;
                        case "getHeader":
                            return "Authorization".equalsIgnoreCase((String) args[0]) ? authorization : null;
                        case "getHeaders":
                            return Collections.emptyEnumeration();
                        case "getAttribute":
                            return attributes.get((String) args[0]);
                        case "setAttribute":
                            attributes.put((String) args[0], args[1]);
                            return null;
                        default:
                            throw new UnsupportedOperationException(called.getName());
                    }
                });
    }

    private static HttpServletResponse unusedResponse() {
        return (HttpServletResponse) Proxy.newProxyInstance(HttpServletResponse.class.getClassLoader(),
                new Class<?>[] {HttpServletResponse.class}, (proxy, called, args) -> {
                    throw new AssertionError("the response must be left to the chain: " + called.getName());
                });
    }
}
