package io.github.smartonkeycloak.cluster.support;

import java.net.CookieHandler;
import java.net.HttpCookie;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * A cookie jar for one browser on one test host. Unlike {@link java.net.CookieManager}, it sends {@code Secure}
 * cookies over plain http to localhost, as browsers do (localhost is a secure context); Keycloak marks its
 * {@code SameSite=None} login cookies {@code Secure}.
 */
final class LocalhostCookieJar extends CookieHandler {

    private final Map<String, HttpCookie> cookies = new ConcurrentHashMap<>();

    @Override
    public Map<String, List<String>> get(URI uri, Map<String, List<String>> requestHeaders) {
        String path = uri.getPath() == null || uri.getPath().isEmpty() ? "/" : uri.getPath();
        cookies.values().removeIf(HttpCookie::hasExpired);
        String header = cookies.values().stream()
                .filter(cookie -> path.startsWith(cookie.getPath()))
                .map(cookie -> cookie.getName() + "=" + cookie.getValue())
                .collect(Collectors.joining("; "));
        return header.isEmpty() ? Map.of() : Map.of("Cookie", List.of(header));
    }

    @Override
    public void put(URI uri, Map<String, List<String>> responseHeaders) {
        responseHeaders.forEach((name, values) -> {
            if ("Set-Cookie".equalsIgnoreCase(name)) {
                values.forEach(value -> HttpCookie.parse(value).forEach(this::store));
            }
        });
    }

    private void store(HttpCookie cookie) {
        if (cookie.getPath() == null) {
            cookie.setPath("/");
        }
        String key = cookie.getName() + ";" + cookie.getPath();
        if (cookie.getMaxAge() == 0) {
            cookies.remove(key);
        } else {
            cookies.put(key, cookie);
        }
    }
}
