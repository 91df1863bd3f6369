package io.github.smartonkeycloak.demofhir.data;

import java.util.Random;

import org.hl7.fhir.r4.model.Condition;

/** Makes problem-list items, encounter diagnoses and health concerns. */
final class ConditionFactory {

    private final Random random;

    ConditionFactory(Random random) {
        this.random = random;
    }

    /** A long-standing problem, active, noted at the given encounter. */
    Condition problem(String id, EncounterContext notedAt, Concept problem) {
        Condition condition = base(id, notedAt, Concepts.PROBLEM_LIST_ITEM, problem, Concepts.ACTIVE);
        condition.setOnset(ClinicalDates.day(notedAt.start().toLocalDate()));
        return condition;
    }

    /** An acute diagnosis made during the encounter, resolved within weeks. */
    Condition encounterDiagnosis(String id, EncounterContext context) {
        Concept diagnosis = NameLists.pick(random, Concepts.ACUTE_DIAGNOSES);
        Condition condition = base(id, context, Concepts.ENCOUNTER_DIAGNOSIS, diagnosis, Concepts.RESOLVED);
        condition.setEncounter(context.encounterReference());
        condition.setOnset(ClinicalDates.day(context.start().toLocalDate()));
        condition.setAbatement(ClinicalDates.day(context.start().toLocalDate().plusDays(5 + random.nextInt(20))));
        return condition;
    }

    Condition healthConcern(String id, EncounterContext notedAt) {
        Concept concern = NameLists.pick(random, Concepts.HEALTH_CONCERNS);
        return base(id, notedAt, Concepts.HEALTH_CONCERN, concern, Concepts.ACTIVE);
    }

    private static Condition base(String id, EncounterContext context, Concept category, Concept code,
            Concept clinicalStatus) {
        Condition condition = new Condition();
        condition.setId(id);
        condition.setClinicalStatus(clinicalStatus.toCodeableConcept());
        condition.setVerificationStatus(Concepts.CONFIRMED.toCodeableConcept());
        condition.addCategory(category.toCodeableConcept());
        condition.setCode(code.toCodeableConcept());
        condition.setSubject(context.patientReference());
        condition.setRecordedDateElement(ClinicalDates.dateTime(context.start()));
        return condition;
    }
}
