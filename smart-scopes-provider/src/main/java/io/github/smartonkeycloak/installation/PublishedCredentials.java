package io.github.smartonkeycloak.installation;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Client credentials anyone can know: the demo secrets this project publishes in its realm export and Inferno
 * presets, and JWKS URLs whose signing keys are public or that any local user could serve. A client that
 * authenticates with one of them authenticates nobody.
 */
public final class PublishedCredentials {

    /** The literal client secrets of the demo overlay ({@code realm-export/demo/}) and {@code realm-export/inferno/*.json}. */
    static final Set<String> DEMO_SECRETS = Set.of("demo-fhir-server-secret", "demo-backend-secret", "demo-ehr-secret",
            "smart-fhir-reader-secret", "inferno-standalone-secret", "inferno-ehr-secret");

    /** Hosts of Inferno's public test kits: the private keys behind their JWKS ship with the kits. */
    static final Set<String> TEST_KIT_HOSTS = Set.of("inferno.healthit.gov");

    private PublishedCredentials() {
    }

    /** Whether a secret is one of the published demo secrets. */
    public static boolean isDemoSecret(String secret) {
        return secret != null && DEMO_SECRETS.contains(secret);
    }

    /** What makes a JWKS URL untrustworthy, or empty when nothing does. */
    public static Optional<String> jwksUrlProblem(String jwksUrl) {
        URI uri;
        try {
            uri = jwksUrl == null ? null : URI.create(jwksUrl.trim());
        } catch (IllegalArgumentException e) {
            return Optional.empty(); // Keycloak cannot fetch it either
        }
        String host = uri == null || uri.getHost() == null ? null : uri.getHost().toLowerCase(Locale.ROOT);
        if (host == null) {
            return Optional.empty();
        }
        if (TEST_KIT_HOSTS.contains(host)) {
            return Optional.of("its JWKS URL is on " + host + ", a published test-kit host whose signing keys are public");
        }
        if ("http".equalsIgnoreCase(uri.getScheme()) && isLoopback(host)) {
            return Optional.of("its JWKS URL is plain http on this host (" + host + "), which any local user can serve");
        }
        return Optional.empty();
    }

    private static boolean isLoopback(String host) {
        return host.equals("localhost") || host.endsWith(".localhost") || host.startsWith("127.")
                || host.equals("[::1]") || host.equals("[0:0:0:0:0:0:0:1]");
    }
}
