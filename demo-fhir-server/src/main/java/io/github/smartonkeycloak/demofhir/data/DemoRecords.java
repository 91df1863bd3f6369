package io.github.smartonkeycloak.demofhir.data;

import java.time.LocalDate;

import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.RelatedPerson;

/**
 * The fixed records the demo's story is told with: Amy Shaw, her son Ben (Amy is his proxy, as his mother) and their
 * clinician Dr Dana Jones. Their ids never change, whatever the seed.
 */
public final class DemoRecords {

    public static final String AMY_ID = "amy-shaw";
    public static final String BEN_ID = "ben-shaw";
    public static final String AMY_FOR_BEN_ID = "amy-shaw-for-ben-shaw";
    public static final String DR_JONES_ID = "dr-jones";

    static final LocalDate AMY_BIRTH_DATE = LocalDate.of(1985, 3, 14);
    static final LocalDate BEN_BIRTH_DATE = LocalDate.of(2015, 7, 2);

    private DemoRecords() {
    }

    static Patient amy() {
        Patient amy = new Patient();
        amy.setId(AMY_ID);
        amy.setActive(true);
        amy.addIdentifier(Identifiers.mrn(1));
        amy.addName(name("Amy", "Shaw"));
        amy.setGender(AdministrativeGender.FEMALE);
        amy.setBirthDateElement(ClinicalDates.date(AMY_BIRTH_DATE));
        amy.addGeneralPractitioner(new Reference("Practitioner/" + DR_JONES_ID));
        // Amy the patient and Amy the proxy are one person.
        amy.addLink().setType(Patient.LinkType.SEEALSO).setOther(new Reference("RelatedPerson/" + AMY_FOR_BEN_ID));
        return amy;
    }

    static Patient ben() {
        Patient ben = new Patient();
        ben.setId(BEN_ID);
        ben.setActive(true);
        ben.addIdentifier(Identifiers.mrn(2));
        ben.addName(name("Ben", "Shaw"));
        ben.setGender(AdministrativeGender.MALE);
        ben.setBirthDateElement(ClinicalDates.date(BEN_BIRTH_DATE));
        ben.addGeneralPractitioner(new Reference("Practitioner/" + DR_JONES_ID));
        return ben;
    }

    static RelatedPerson amyForBen() {
        RelatedPerson amy = new RelatedPerson();
        amy.setId(AMY_FOR_BEN_ID);
        amy.setActive(true);
        amy.setPatient(new Reference("Patient/" + BEN_ID));
        amy.addRelationship(Concepts.MOTHER.toCodeableConcept());
        amy.addName(name("Amy", "Shaw"));
        amy.setGender(AdministrativeGender.FEMALE);
        amy.setBirthDateElement(ClinicalDates.date(AMY_BIRTH_DATE));
        return amy;
    }

    static Practitioner drJones() {
        Practitioner jones = new Practitioner();
        jones.setId(DR_JONES_ID);
        jones.setActive(true);
        jones.addIdentifier(Identifiers.npi(1_234_567_893L));
        jones.addName(name("Dana", "Jones").addPrefix("Dr."));
        jones.setGender(AdministrativeGender.FEMALE);
        return jones;
    }

    static HumanName name(String given, String family) {
        return new HumanName()
                .setUse(HumanName.NameUse.OFFICIAL)
                .setText(given + " " + family)
                .setFamily(family)
                .addGiven(given);
    }
}
