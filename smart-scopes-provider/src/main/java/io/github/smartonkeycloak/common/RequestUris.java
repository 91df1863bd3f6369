package io.github.smartonkeycloak.common;

import java.net.URI;
import java.util.Optional;

import org.keycloak.models.KeycloakSession;

/**
 * The base URI of the HTTP request a session serves, if it serves one. A session of a scheduled task has none, and
 * Keycloak's context then hands out a URI object that throws when read, instead of null.
 */
public final class RequestUris {

    private RequestUris() {
    }

    public static Optional<URI> baseUri(KeycloakSession session) {
        try {
            return Optional.ofNullable(session.getContext().getUri()).map(uri -> uri.getBaseUri());
        } catch (RuntimeException noRequest) {
            return Optional.empty();
        }
    }
}
