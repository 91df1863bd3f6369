package io.github.smartonkeycloak.demofhir.security;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.github.smartonkeycloak.core.scope.ScopeRequest;

/**
 * An RFC 7662 introspection answer: whether the token is active, and every claim the server returned (scope,
 * client_id, sub, ...), kept raw so that later checks (SMART scopes) can read what they need.
 */
public record Introspection(boolean active, Map<String, Object> claims) {

    /** Keycloak names the user behind a client's service account {@code service-account-<clientId>}. */
    static final String SERVICE_ACCOUNT_PREFIX = "service-account-";

    public Introspection {
        claims = Collections.unmodifiableMap(new LinkedHashMap<>(claims));
    }

    public static Introspection inactive() {
        return new Introspection(false, Map.of("active", false));
    }

    public Optional<String> stringClaim(String name) {
        Object value = claims.get(name);
        return value instanceof String ? Optional.of((String) value) : Optional.empty();
    }

    /** The space-separated {@code scope} claim as a set; empty when there is none. */
    public Set<String> scopes() {
        return stringClaim("scope").map(scope -> ScopeRequest.of(scope).names()).orElse(Set.of());
    }

    /**
     * Whether this is a token of a client's own service account ({@code client_credentials}), not of a signed-in user.
     * Keycloak 26.7 answers both with {@code sub}, {@code username} and {@code client_id}; in a service account's
     * token {@code username} is {@code service-account-<client_id>}, the one user Keycloak keeps per client under
     * that name, and there is no {@code auth_time}, since nobody logged in. A user's token has its own username and,
     * with the {@code basic} client scope, {@code auth_time}. Anything unclear counts as a user's token.
     */
    public boolean isServiceAccount() {
        return active && stringClaim("client_id")
                .map(client -> stringClaim("username").filter((SERVICE_ACCOUNT_PREFIX + client)::equals).isPresent())
                .orElse(false)
                && !claims.containsKey("auth_time");
    }

    /** Claims can name the user, so they stay out of logs and exception messages. */
    @Override
    public String toString() {
        return "Introspection[active=" + active + ", " + claims.size() + " claims]";
    }
}
