package io.github.smartonkeycloak.demofhir.data;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Period;

import org.hl7.fhir.r4.model.Reference;

/** What the observations and diagnoses made during one encounter share. */
record EncounterContext(String patientId, LocalDate birthDate, String encounterId, LocalDateTime start) {

    Reference patientReference() {
        return new Reference("Patient/" + patientId);
    }

    Reference encounterReference() {
        return new Reference("Encounter/" + encounterId);
    }

    int ageInYears() {
        return Period.between(birthDate, start.toLocalDate()).getYears();
    }
}
