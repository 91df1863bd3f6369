package io.github.smartonkeycloak.demofhir.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Practitioner;

/**
 * Makes the synthetic population: the demo records plus generated patients, each with a clinical history. Everything
 * comes from one {@link Random} seeded by the caller and from fixed dates, so the same seed and size always give the
 * same data.
 */
public final class PopulationGenerator {

    private static final int GENERATED_PRACTITIONERS = 6;

    private PopulationGenerator() {
    }

    /** @param patientCount all patients, Amy and Ben included (at least 2) */
    public static Population generate(int patientCount, long seed) {
        return generate(patientCount, seed, true);
    }

    /**
     * @param clinicalData false: the generated patients get no clinical history (patients only, for populations of a
     *        million); Amy's and Ben's records are complete either way. The patients differ from those made with
     *        histories, which draw from the same random sequence.
     */
    public static Population generate(int patientCount, long seed, boolean clinicalData) {
        if (patientCount < 2) {
            throw new IllegalArgumentException("patientCount must be at least 2 (the demo patients), got " + patientCount);
        }
        Random random = new Random(seed);
        Population population = new Population();
        PersonGenerator people = new PersonGenerator(random);
        ClinicalHistoryGenerator histories = new ClinicalHistoryGenerator(random, population);

        Practitioner drJones = DemoRecords.drJones();
        List<Practitioner> practitioners = new ArrayList<>();
        practitioners.add(drJones);
        for (int number = 1; number <= GENERATED_PRACTITIONERS; number++) {
            practitioners.add(people.practitioner(number));
        }
        practitioners.forEach(population.practitioners()::add);

        Patient amy = DemoRecords.amy();
        Patient ben = DemoRecords.ben();
        population.patients().add(amy);
        population.patients().add(ben);
        population.relatedPersons().add(DemoRecords.amyForBen());
        histories.generate(amy, drJones, ClinicalHistoryGenerator.Coverage.EVERY_CATEGORY);
        histories.generate(ben, drJones, ClinicalHistoryGenerator.Coverage.EVERY_CATEGORY);

        for (int number = 1; number <= patientCount - 2; number++) {
            Practitioner clinician = NameLists.pick(random, practitioners);
            Patient patient = people.patient(number, clinician);
            population.patients().add(patient);
            if (clinicalData) {
                histories.generate(patient, clinician, ClinicalHistoryGenerator.Coverage.RANDOM);
            }
        }
        return population;
    }
}
