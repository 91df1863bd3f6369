package io.github.smartonkeycloak.demofhir.security;

/** The introspection endpoint gave no usable answer. Messages never contain the token. */
public final class IntrospectionUnavailableException extends RuntimeException {

    public IntrospectionUnavailableException(String message) {
        super(message);
    }

    public IntrospectionUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
