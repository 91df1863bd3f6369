package io.github.smartonkeycloak.demofhir.security;

import java.util.Optional;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Where the introspection result of an authenticated request is kept: a servlet request attribute, set by
 * {@link BearerTokenFilter} before HAPI sees the request. Request handling (for example SMART scope checks in a HAPI
 * interceptor or provider) reads it from here.
 */
public final class AuthenticatedRequest {

    public static final String INTROSPECTION_ATTRIBUTE = Introspection.class.getName();

    private AuthenticatedRequest() {
    }

    static void attach(HttpServletRequest request, Introspection introspection) {
        request.setAttribute(INTROSPECTION_ATTRIBUTE, introspection);
    }

    public static Optional<Introspection> introspection(HttpServletRequest request) {
        Object value = request.getAttribute(INTROSPECTION_ATTRIBUTE);
        return value instanceof Introspection ? Optional.of((Introspection) value) : Optional.empty();
    }

    /** The introspection of a HAPI request; empty for the unauthenticated ones (metadata). */
    public static Optional<Introspection> introspection(RequestDetails requestDetails) {
        if (requestDetails instanceof ServletRequestDetails) {
            HttpServletRequest request = ((ServletRequestDetails) requestDetails).getServletRequest();
            if (request != null) {
                return introspection(request);
            }
        }
        return Optional.empty();
    }
}
