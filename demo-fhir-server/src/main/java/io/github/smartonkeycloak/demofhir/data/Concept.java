package io.github.smartonkeycloak.demofhir.data;

import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;

/** One coded concept; each call makes fresh FHIR elements, since HAPI elements are mutable and must not be shared. */
record Concept(String system, String code, String display) {

    Coding toCoding() {
        return new Coding(system, code, display);
    }

    CodeableConcept toCodeableConcept() {
        return new CodeableConcept(toCoding()).setText(display);
    }
}
