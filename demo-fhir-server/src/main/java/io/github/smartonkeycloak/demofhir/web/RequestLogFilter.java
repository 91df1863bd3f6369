package io.github.smartonkeycloak.demofhir.web;

import java.io.IOException;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs method, resource type and status of each request, and adds its time to {@link RequestTimes}; nothing else, since
 * ids, query strings and headers can carry tokens or patient data.
 */
public final class RequestLogFilter extends HttpFilter {

    private static final Logger LOG = LoggerFactory.getLogger(RequestLogFilter.class);
    private static final Pattern RESOURCE_TYPE = Pattern.compile("[A-Za-z.\\-]{1,40}");

    private final RequestTimes times;

    public RequestLogFilter(RequestTimes times) {
        this.times = times;
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        long started = System.nanoTime();
        try {
            chain.doFilter(request, response);
        } finally {
            long took = System.nanoTime() - started;
            String resourceType = resourceType(request);
            times.add(request.getMethod(), resourceType, took);
            if (LOG.isInfoEnabled()) {
                LOG.info("{} {} -> {} ({} ms)", request.getMethod(), resourceType, response.getStatus(), took / 1_000_000);
            }
        }
    }

    /**
     * The first path segment under /fhir ({@code Patient}, {@code metadata}, ...), or a placeholder: also for the
     * demo app's files.
     */
    static String resourceType(HttpServletRequest request) {
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        String[] segments = path.split("/");
        if (segments.length >= 2 && "app".equals(segments[1])) {
            return "(demo app)";
        }
        // segments: "", "fhir", <type>, ...
        if (segments.length < 3) {
            return segments.length == 2 ? "(base)" : "(other)";
        }
        String type = segments[2];
        return RESOURCE_TYPE.matcher(type).matches() ? type : "(other)";
    }
}
