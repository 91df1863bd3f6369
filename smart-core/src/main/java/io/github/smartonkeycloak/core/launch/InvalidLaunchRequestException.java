package io.github.smartonkeycloak.core.launch;

/** A launch registration that breaks the rules; the message names the field and fits an {@code error_description}. */
public final class InvalidLaunchRequestException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public InvalidLaunchRequestException(String message) {
        super(message);
    }
}
