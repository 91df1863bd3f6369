package io.github.smartonkeycloak.demofhir.data;

import java.math.BigDecimal;
import java.util.Random;

import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Quantity;

/**
 * Makes observations of four categories. Values come from whole numbers (tenths where a decimal is wanted), so no
 * floating-point rounding can make two runs differ.
 */
final class ObservationFactory {

    private static final int ADULT_AGE = 18;

    private final Random random;

    ObservationFactory(Random random) {
        this.random = random;
    }

    Observation heartRate(String id, EncounterContext context) {
        int beatsPerMinute = context.ageInYears() < ADULT_AGE ? 70 + random.nextInt(51) : 55 + random.nextInt(46);
        return base(id, context, Concepts.VITAL_SIGNS, Concepts.HEART_RATE)
                .setValue(quantity(BigDecimal.valueOf(beatsPerMinute), "beats/minute", "/min"));
    }

    Observation bodyWeight(String id, EncounterContext context) {
        int age = context.ageInYears();
        int tenthsOfKilogram = age < ADULT_AGE
                ? 35 + age * 30 + random.nextInt(40 + age * 5)
                : 500 + random.nextInt(601);
        return base(id, context, Concepts.VITAL_SIGNS, Concepts.BODY_WEIGHT)
                .setValue(quantity(BigDecimal.valueOf(tenthsOfKilogram, 1), "kg", "kg"));
    }

    Observation glucose(String id, EncounterContext context) {
        return base(id, context, Concepts.LABORATORY, Concepts.GLUCOSE)
                .setValue(quantity(BigDecimal.valueOf(70 + random.nextInt(111)), "mg/dL", "mg/dL"));
    }

    Observation hemoglobin(String id, EncounterContext context) {
        return base(id, context, Concepts.LABORATORY, Concepts.HEMOGLOBIN)
                .setValue(quantity(BigDecimal.valueOf(110 + random.nextInt(66), 1), "g/dL", "g/dL"));
    }

    Observation smokingStatus(String id, EncounterContext context) {
        Concept status = context.ageInYears() < ADULT_AGE
                ? Concepts.NEVER_SMOKER
                : NameLists.pick(random, Concepts.ADULT_SMOKING_STATUSES);
        return base(id, context, Concepts.SOCIAL_HISTORY, Concepts.SMOKING_STATUS)
                .setValue(status.toCodeableConcept());
    }

    Observation depressionScreening(String id, EncounterContext context) {
        return base(id, context, Concepts.SURVEY, Concepts.PHQ2_SCORE)
                .setValue(quantity(BigDecimal.valueOf(random.nextInt(7)), "{score}", "{score}"));
    }

    private static Observation base(String id, EncounterContext context, Concept category, Concept code) {
        Observation observation = new Observation();
        observation.setId(id);
        observation.setStatus(Observation.ObservationStatus.FINAL);
        observation.addCategory(category.toCodeableConcept());
        observation.setCode(code.toCodeableConcept());
        observation.setSubject(context.patientReference());
        observation.setEncounter(context.encounterReference());
        observation.setEffective(ClinicalDates.dateTime(context.start()));
        return observation;
    }

    private static Quantity quantity(BigDecimal value, String unit, String ucumCode) {
        return new Quantity().setValue(value).setUnit(unit).setSystem(CodeSystems.UCUM).setCode(ucumCode);
    }
}
