package io.github.smartonkeycloak.demofhir.data;

import java.time.LocalDate;
import java.util.Random;

import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.Reference;

/** Makes the generated patients ({@code p0001}, ...) and practitioners ({@code pr-01}, ...). */
final class PersonGenerator {

    private static final int OLDEST_AGE_YEARS = 90;
    /** Generated MRNs start above the demo records' ones. */
    private static final int FIRST_GENERATED_MRN = 1000;

    private final Random random;

    PersonGenerator(Random random) {
        this.random = random;
    }

    static String patientId(int number) {
        return String.format("p%04d", number);
    }

    Patient patient(int number, Practitioner generalPractitioner) {
        boolean female = random.nextBoolean();
        String given = NameLists.pick(random, female ? NameLists.FEMALE_GIVEN : NameLists.MALE_GIVEN);
        String family = NameLists.pick(random, NameLists.FAMILY);
        LocalDate birthDate = ClinicalDates.REFERENCE_DATE.minusDays(1 + random.nextInt(OLDEST_AGE_YEARS * 365));

        Patient patient = new Patient();
        patient.setId(patientId(number));
        patient.setActive(true);
        patient.addIdentifier(Identifiers.mrn(FIRST_GENERATED_MRN + number));
        patient.addName(DemoRecords.name(given, family));
        patient.setGender(female ? AdministrativeGender.FEMALE : AdministrativeGender.MALE);
        patient.setBirthDateElement(ClinicalDates.date(birthDate));
        patient.addGeneralPractitioner(new Reference("Practitioner/" + generalPractitioner.getIdElement().getIdPart()));
        return patient;
    }

    Practitioner practitioner(int number) {
        boolean female = random.nextBoolean();
        String given = NameLists.pick(random, female ? NameLists.FEMALE_GIVEN : NameLists.MALE_GIVEN);
        String family = NameLists.pick(random, NameLists.FAMILY);

        Practitioner practitioner = new Practitioner();
        practitioner.setId(String.format("pr-%02d", number));
        practitioner.setActive(true);
        practitioner.addIdentifier(Identifiers.npi(1_000_000_000L + 1_000L * number + random.nextInt(1_000)));
        practitioner.addName(DemoRecords.name(given, family).addPrefix("Dr."));
        practitioner.setGender(female ? AdministrativeGender.FEMALE : AdministrativeGender.MALE);
        return practitioner;
    }
}
