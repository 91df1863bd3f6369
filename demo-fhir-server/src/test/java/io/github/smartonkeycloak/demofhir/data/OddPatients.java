package io.github.smartonkeycloak.demofhir.data;

import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Patient;

/** Patients the generator never makes, for tests of search: accents, missing parts, several names. */
public final class OddPatients {

    private OddPatients() {
    }

    /** Adds them to the population's patients. */
    public static void addTo(Population population) {
        ResourceStore<Patient> patients = population.patients();
        patients.add(patient("odd-accents").addName(new HumanName().setFamily("Müller").addGiven("Zoë")
                .setText("Zoë Müller")).addIdentifier(new Identifier().setValue("NO-SYSTEM-1")));
        patients.add(patient("odd-no-birth-date").addName(new HumanName().setFamily("Smith").addGiven("Anna"))
                .addIdentifier(new Identifier().setSystem("urn:other")));
        patients.add(patient("odd-two-names").setBirthDateElement(new DateType("1950-01-01"))
                .addName(new HumanName().setFamily("Smithers").addGiven("Mary").addGiven("Ann"))
                .addName(new HumanName().setFamily("Jones").setText("Mary Jones"))
                .addIdentifier(new Identifier().setSystem("urn:other").setValue("MRN-001001")));
        patients.add(patient("odd-nameless").setBirthDateElement(new DateType("2001-05-31")));
        patients.add(patient("Odd-upper-case-id").setBirthDateElement(new DateType("1987-12-31"))
                .addName(new HumanName().setText("Text Only")).addIdentifier(new Identifier()));
    }

    private static Patient patient(String id) {
        Patient patient = new Patient();
        patient.setId(id);
        return patient;
    }
}
