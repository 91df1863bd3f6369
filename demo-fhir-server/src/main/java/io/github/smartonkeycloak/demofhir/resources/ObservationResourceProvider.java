package io.github.smartonkeycloak.demofhir.resources;

import java.util.List;

import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenOrListParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import io.github.smartonkeycloak.demofhir.data.ResourceStore;
import io.github.smartonkeycloak.demofhir.search.ReferenceMatch;
import io.github.smartonkeycloak.demofhir.search.TokenMatch;
import io.github.smartonkeycloak.demofhir.security.AccessDecision;
import org.hl7.fhir.instance.model.api.IAnyResource;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Observation;

/** Observation read and search by patient, category and code; newest first. */
public final class ObservationResourceProvider implements IResourceProvider {

    private final ResourceStore<Observation> observations;

    public ObservationResourceProvider(ResourceStore<Observation> observations) {
        this.observations = observations;
    }

    @Override
    public Class<Observation> getResourceType() {
        return Observation.class;
    }

    @Read
    public Observation read(RequestDetails request, @IdParam IdType id) {
        return Stores.readOrNotFound(observations, id, request);
    }

    @Search
    public List<Observation> search(RequestDetails request,
            @OptionalParam(name = IAnyResource.SP_RES_ID) TokenOrListParam ids,
            @OptionalParam(name = Observation.SP_PATIENT) ReferenceParam patient,
            @OptionalParam(name = Observation.SP_SUBJECT) ReferenceParam subject,
            @OptionalParam(name = Observation.SP_CATEGORY) TokenOrListParam category,
            @OptionalParam(name = Observation.SP_CODE) TokenOrListParam code) {
        AccessDecision access = AccessDecision.of(request);
        return observations.search(observation -> access.allows(observation)
                && TokenMatch.id(ids, observation.getIdElement().getIdPart())
                && ReferenceMatch.matches(patient, "Patient", observation.getSubject())
                && ReferenceMatch.matches(subject, "Patient", observation.getSubject())
                && TokenMatch.anyConcept(category, observation.getCategory())
                && TokenMatch.anyConcept(code, observation.getCode()),
                Orderings.OBSERVATIONS_NEWEST_FIRST);
    }
}
