package io.github.smartonkeycloak.core.fhir;

/** The FHIR server could not be asked or gave no usable answer (down, slow, 5xx, garbage). */
public final class FhirUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public FhirUnavailableException(String message) {
        super(message);
    }

    public FhirUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
