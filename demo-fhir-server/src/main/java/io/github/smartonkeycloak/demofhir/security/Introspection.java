package io.github.smartonkeycloak.demofhir.security;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * An RFC 7662 introspection answer: whether the token is active, and every claim the server returned (scope,
 * client_id, sub, ...), kept raw so that later checks (SMART scopes) can read what they need.
 */
public record Introspection(boolean active, Map<String, Object> claims) {

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
        return stringClaim("scope")
                .map(scope -> Arrays.stream(scope.trim().split("\\s+"))
                        .filter(part -> !part.isEmpty())
                        .collect(Collectors.toCollection(LinkedHashSet::new)))
                .map(Collections::unmodifiableSet)
                .orElse(Set.of());
    }

    /** Claims can name the user, so they stay out of logs and exception messages. */
    @Override
    public String toString() {
        return "Introspection[active=" + active + ", " + claims.size() + " claims]";
    }
}
