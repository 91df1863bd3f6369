package io.github.smartonkeycloak.demofhir.data;

import org.hl7.fhir.r4.model.Identifier;

/** Medical record numbers and practitioner NPIs. */
final class Identifiers {

    private Identifiers() {
    }

    static Identifier mrn(int number) {
        return new Identifier()
                .setUse(Identifier.IdentifierUse.USUAL)
                .setType(Concepts.MEDICAL_RECORD_NUMBER.toCodeableConcept())
                .setSystem(CodeSystems.MRN)
                .setValue(String.format("MRN-%06d", number));
    }

    static Identifier npi(long number) {
        return new Identifier().setSystem(CodeSystems.NPI).setValue(Long.toString(number));
    }
}
