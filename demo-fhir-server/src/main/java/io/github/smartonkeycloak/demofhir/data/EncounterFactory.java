package io.github.smartonkeycloak.demofhir.data;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.Reference;

/** Makes finished ambulatory and inpatient encounters spread over the years before the reference date. */
final class EncounterFactory {

    private static final int HISTORY_DAYS = 5 * 365;
    private static final int INPATIENT_PERCENT = 15;

    private final Random random;

    EncounterFactory(Random random) {
        this.random = random;
    }

    /** Start times of {@code count} encounters after the birth date, oldest first. */
    List<LocalDateTime> startTimes(LocalDate birthDate, int count) {
        long daysAlive = ChronoUnit.DAYS.between(birthDate, ClinicalDates.REFERENCE_DATE);
        int window = (int) Math.max(1, Math.min(HISTORY_DAYS, daysAlive - 1));
        List<LocalDateTime> starts = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            LocalDate day = ClinicalDates.REFERENCE_DATE.minusDays(1 + random.nextInt(window));
            starts.add(day.atTime(8 + random.nextInt(10), 15 * random.nextInt(4)));
        }
        starts.sort(null);
        return starts;
    }

    Encounter encounter(EncounterContext context, Practitioner clinician) {
        boolean inpatient = random.nextInt(100) < INPATIENT_PERCENT;
        LocalDateTime end = inpatient
                ? context.start().plusDays(1 + random.nextInt(5)).plusHours(random.nextInt(8))
                : context.start().plusMinutes(15 + 5 * random.nextInt(10));

        Encounter encounter = new Encounter();
        encounter.setId(context.encounterId());
        encounter.setStatus(Encounter.EncounterStatus.FINISHED);
        encounter.setClass_((inpatient ? Concepts.INPATIENT : Concepts.AMBULATORY).toCoding());
        encounter.addType((inpatient ? Concepts.HOSPITAL_ADMISSION : Concepts.CHECK_UP).toCodeableConcept());
        encounter.setSubject(context.patientReference());
        encounter.addParticipant().setIndividual(new Reference("Practitioner/" + clinician.getIdElement().getIdPart())
                .setDisplay(clinician.getNameFirstRep().getText()));
        encounter.setPeriod(new Period()
                .setStartElement(ClinicalDates.dateTime(context.start()))
                .setEndElement(ClinicalDates.dateTime(end)));
        return encounter;
    }
}
