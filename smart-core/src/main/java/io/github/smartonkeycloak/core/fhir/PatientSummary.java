package io.github.smartonkeycloak.core.fhir;

/** What a picker shows of a patient: the id it stores, and the name and birth date it displays (never logged). */
public record PatientSummary(String id, String name, String birthDate, String gender) {
}
