package io.github.smartonkeycloak.core.fhir;

/**
 * SMART's {@code fhirUser}: the user's own FHIR resource (Patient, Practitioner, RelatedPerson ...). One name for
 * the scope that asks for it, the ID-token claim that carries it and the Keycloak user attribute it is read from.
 */
public final class FhirUser {

    public static final String NAME = "fhirUser";

    private FhirUser() {
    }
}
