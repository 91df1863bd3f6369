package io.github.smartonkeycloak.core.client;

import java.util.Objects;
import java.util.Optional;

/**
 * The SMART Backend Services rules for a client assertion that Keycloak's own {@code client-jwt} validation leaves
 * out: {@code exp} at most five minutes ahead even when the assertion carries {@code iat} (Keycloak then allows any
 * lifetime), and a {@code jku} header only when it names the JWKS URL registered for the client (Keycloak ignores
 * {@code jku}). Signature, {@code aud}, {@code jti} replay and expiry are Keycloak's.
 */
public final class ClientAssertionRules {

    /** SMART: "exp ... no more than five minutes in the future". */
    public static final int DEFAULT_MAX_LIFETIME_SECONDS = 300;
    /** Clock skew Keycloak allows client assertions too. */
    static final int CLOCK_SKEW_SECONDS = 15;

    private final int maxLifetimeSeconds;

    public ClientAssertionRules(int maxLifetimeSeconds) {
        if (maxLifetimeSeconds <= 0) {
            throw new IllegalArgumentException("max lifetime must be positive: " + maxLifetimeSeconds);
        }
        this.maxLifetimeSeconds = maxLifetimeSeconds;
    }

    /**
     * What is wrong with an assertion, as an {@code error_description}, or empty if these rules allow it.
     *
     * @param jku the {@code jku} header, or null
     * @param exp the {@code exp} claim in epoch seconds, or null (Keycloak refuses that itself)
     * @param nowSeconds the server's time in epoch seconds
     * @param registeredJwksUrl the client's JWKS URL if it is configured to use one, else null
     */
    public Optional<String> problem(String jku, Long exp, long nowSeconds, String registeredJwksUrl) {
        if (jku != null && !Objects.equals(jku, registeredJwksUrl)) {
            return Optional.of(registeredJwksUrl == null
                    ? "Client assertion has a jku header but the client has no registered JWKS URL"
                    : "Client assertion jku header does not match the client's registered JWKS URL");
        }
        if (exp != null && exp - nowSeconds > maxLifetimeSeconds + CLOCK_SKEW_SECONDS) {
            return Optional.of("Client assertion exp is more than " + maxLifetimeSeconds + " seconds in the future");
        }
        return Optional.empty();
    }

    public int maxLifetimeSeconds() {
        return maxLifetimeSeconds;
    }
}
