package io.github.smartonkeycloak.demofhir.data;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Practitioner;

/** Gives one patient encounters, and the observations and conditions recorded at them. */
final class ClinicalHistoryGenerator {

    /** How much of the terminology a patient's history must show. */
    enum Coverage {
        /** At least one of every observation and condition category: the demo patients. */
        EVERY_CATEGORY,
        /** Whatever the dice say: the generated patients. */
        RANDOM
    }

    private static final int DEMO_ENCOUNTERS = 3;
    private static final int MAX_ENCOUNTERS = 5;
    private static final int MAX_PROBLEMS = 2;

    private final Random random;
    private final Population population;
    private final EncounterFactory encounters;
    private final ObservationFactory observations;
    private final ConditionFactory conditions;

    ClinicalHistoryGenerator(Random random, Population population) {
        this.random = random;
        this.population = population;
        this.encounters = new EncounterFactory(random);
        this.observations = new ObservationFactory(random);
        this.conditions = new ConditionFactory(random);
    }

    void generate(Patient patient, Practitioner clinician, Coverage coverage) {
        boolean everyCategory = coverage == Coverage.EVERY_CATEGORY;
        String patientId = patient.getIdElement().getIdPart();
        LocalDate birthDate = LocalDate.parse(patient.getBirthDateElement().getValueAsString());
        IdSequence encounterIds = new IdSequence("enc", patientId);
        IdSequence observationIds = new IdSequence("obs", patientId);
        IdSequence conditionIds = new IdSequence("cond", patientId);

        int encounterCount = everyCategory ? DEMO_ENCOUNTERS : 1 + random.nextInt(MAX_ENCOUNTERS);
        List<EncounterContext> visits = new ArrayList<>(encounterCount);
        for (LocalDateTime start : encounters.startTimes(birthDate, encounterCount)) {
            EncounterContext visit = new EncounterContext(patientId, birthDate, encounterIds.next(), start);
            visits.add(visit);
            population.encounters().add(encounters.encounter(visit, clinician));
            population.observations().add(observations.heartRate(observationIds.next(), visit));
            population.observations().add(observations.bodyWeight(observationIds.next(), visit));
            if (everyCategory || percentChance(50)) {
                population.observations().add(observations.glucose(observationIds.next(), visit));
                population.observations().add(observations.hemoglobin(observationIds.next(), visit));
            }
            if (everyCategory || percentChance(40)) {
                population.conditions().add(conditions.encounterDiagnosis(conditionIds.next(), visit));
            }
        }

        EncounterContext firstVisit = visits.get(0);
        EncounterContext lastVisit = visits.get(visits.size() - 1);
        population.observations().add(observations.smokingStatus(observationIds.next(), firstVisit));
        if (everyCategory || percentChance(50)) {
            population.observations().add(observations.depressionScreening(observationIds.next(), lastVisit));
        }
        for (Concept problem : chronicProblems(everyCategory ? 1 : random.nextInt(MAX_PROBLEMS + 1))) {
            population.conditions().add(conditions.problem(conditionIds.next(), firstVisit, problem));
        }
        if (everyCategory || percentChance(30)) {
            population.conditions().add(conditions.healthConcern(conditionIds.next(), lastVisit));
        }
    }

    /** {@code count} different problems. */
    private List<Concept> chronicProblems(int count) {
        List<Concept> candidates = new ArrayList<>(Concepts.CHRONIC_PROBLEMS);
        List<Concept> chosen = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            chosen.add(candidates.remove(random.nextInt(candidates.size())));
        }
        return chosen;
    }

    private boolean percentChance(int percent) {
        return random.nextInt(100) < percent;
    }
}
