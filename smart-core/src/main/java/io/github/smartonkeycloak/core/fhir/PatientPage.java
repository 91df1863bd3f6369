package io.github.smartonkeycloak.core.fhir;

import java.util.List;

/** One page of a patient search, and whether the FHIR server has a next one. */
public record PatientPage(List<PatientSummary> patients, boolean hasNext) {

    public PatientPage {
        patients = List.copyOf(patients);
    }
}
