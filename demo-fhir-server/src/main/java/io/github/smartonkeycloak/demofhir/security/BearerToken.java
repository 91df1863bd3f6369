package io.github.smartonkeycloak.demofhir.security;

import java.util.Locale;
import java.util.Optional;

/** Reads the token out of an {@code Authorization: Bearer <token>} header (RFC 6750 section 2.1). */
final class BearerToken {

    private static final String SCHEME = "bearer ";

    private BearerToken() {
    }

    /** The token, or empty when the header is missing, uses another scheme, or carries no token. */
    static Optional<String> fromAuthorizationHeader(String header) {
        if (header == null) {
            return Optional.empty();
        }
        String trimmed = header.trim();
        // The scheme name is case-insensitive (RFC 7235 section 2.1).
        if (trimmed.length() <= SCHEME.length()
                || !trimmed.substring(0, SCHEME.length()).toLowerCase(Locale.ROOT).equals(SCHEME)) {
            return Optional.empty();
        }
        String token = trimmed.substring(SCHEME.length()).trim();
        return token.isEmpty() ? Optional.empty() : Optional.of(token);
    }
}
