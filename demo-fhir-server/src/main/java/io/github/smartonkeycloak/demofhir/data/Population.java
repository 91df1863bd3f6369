package io.github.smartonkeycloak.demofhir.data;

import java.util.List;

import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.RelatedPerson;

/** The in-memory data set the server answers from; made by {@link PopulationGenerator}. */
public final class Population {

    private final ResourceStore<Patient> patients = new ResourceStore<>(Patient.class);
    private final ResourceStore<Practitioner> practitioners = new ResourceStore<>(Practitioner.class);
    private final ResourceStore<RelatedPerson> relatedPersons = new ResourceStore<>(RelatedPerson.class);
    private final ResourceStore<Encounter> encounters = new ResourceStore<>(Encounter.class);
    private final ResourceStore<Observation> observations = new ResourceStore<>(Observation.class);
    private final ResourceStore<Condition> conditions = new ResourceStore<>(Condition.class);

    Population() {
    }

    public ResourceStore<Patient> patients() {
        return patients;
    }

    public ResourceStore<Practitioner> practitioners() {
        return practitioners;
    }

    public ResourceStore<RelatedPerson> relatedPersons() {
        return relatedPersons;
    }

    public ResourceStore<Encounter> encounters() {
        return encounters;
    }

    public ResourceStore<Observation> observations() {
        return observations;
    }

    public ResourceStore<Condition> conditions() {
        return conditions;
    }

    /** Every store, in a fixed order. */
    public List<ResourceStore<?>> stores() {
        return List.of(patients, practitioners, relatedPersons, encounters, observations, conditions);
    }

    public int resourceCount() {
        return stores().stream().mapToInt(ResourceStore::size).sum();
    }
}
