package io.github.smartonkeycloak.cluster.support;

/**
 * Where a request goes. Apps and browsers only know the public URL (nginx); {@link #node} sends a request for a
 * public URL straight to one node instead, with the X-Forwarded-* headers nginx would add, so that the node answers
 * with the same public URLs and token issuer as behind nginx.
 */
public record Target(String name, String publicOrigin, String nodeOrigin, String forwardedHost, String forwardedPort) {

    /** Straight to {@code node}, as nginx would forward a request for {@code publicOrigin} (http://localhost:port). */
    static Target node(KeycloakNode node, String publicOrigin, int publicPort) {
        return new Target("node " + node.number(), publicOrigin, node.baseUrl(), "localhost", String.valueOf(publicPort));
    }

    /** Through nginx itself: no rewriting, no extra headers. */
    static Target balancer(String publicOrigin) {
        return new Target("nginx", publicOrigin, null, null, null);
    }

    String rewrite(String url) {
        return nodeOrigin != null && url.startsWith(publicOrigin) ? nodeOrigin + url.substring(publicOrigin.length()) : url;
    }

    String[] headers() {
        return nodeOrigin == null ? new String[0] : new String[] {"X-Forwarded-Proto", "http",
                "X-Forwarded-Host", forwardedHost, "X-Forwarded-Port", forwardedPort, "X-Forwarded-For", "127.0.0.1"};
    }

    @Override
    public String toString() {
        return name;
    }
}
