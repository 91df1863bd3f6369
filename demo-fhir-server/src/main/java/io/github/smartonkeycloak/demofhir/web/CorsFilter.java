package io.github.smartonkeycloak.demofhir.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Open CORS for browser-based SMART apps: any origin may read any response (errors included, so an app can see a
 * 401), and preflights are answered here, before authentication, since browsers send them without credentials.
 */
public final class CorsFilter extends HttpFilter {

    static final String ALLOWED_METHODS = "GET";
    static final String ALLOWED_HEADERS = "Authorization, Accept, Content-Type, Prefer";
    static final String EXPOSED_HEADERS = "Location, Content-Location, ETag, Last-Modified, WWW-Authenticate";
    private static final String PREFLIGHT_MAX_AGE_SECONDS = "600";

    /** A CORS preflight: OPTIONS announcing the method the real request will use. */
    public static boolean isPreflight(HttpServletRequest request) {
        return "OPTIONS".equals(request.getMethod()) && request.getHeader("Access-Control-Request-Method") != null;
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        response.setHeader("Access-Control-Allow-Origin", "*");
        if (isPreflight(request)) {
            response.setHeader("Access-Control-Allow-Methods", ALLOWED_METHODS);
            response.setHeader("Access-Control-Allow-Headers", ALLOWED_HEADERS);
            response.setHeader("Access-Control-Max-Age", PREFLIGHT_MAX_AGE_SECONDS);
            response.setStatus(HttpServletResponse.SC_NO_CONTENT);
            return;
        }
        response.setHeader("Access-Control-Expose-Headers", EXPOSED_HEADERS);
        chain.doFilter(request, response);
    }
}
