package io.github.smartonkeycloak.demofhir;

/** A command line that cannot be understood; the message says what is wrong. */
final class UsageException extends Exception {

    UsageException(String message) {
        super(message);
    }
}
