package io.github.smartonkeycloak.demofhir.resources;

import java.util.List;

import ca.uhn.fhir.rest.server.IResourceProvider;
import io.github.smartonkeycloak.demofhir.data.Population;

/** One provider per resource type the server offers, all answering from the same population. */
public final class ResourceProviders {

    private ResourceProviders() {
    }

    public static List<IResourceProvider> forPopulation(Population population) {
        return List.of(
                new PatientResourceProvider(population.patients()),
                new PractitionerResourceProvider(population.practitioners()),
                new RelatedPersonResourceProvider(population.relatedPersons()),
                new EncounterResourceProvider(population.encounters()),
                new ObservationResourceProvider(population.observations()),
                new ConditionResourceProvider(population.conditions()));
    }
}
