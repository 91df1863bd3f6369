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
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.IdType;

/** Encounter read and search by patient; newest first (period start descending). */
public final class EncounterResourceProvider implements IResourceProvider {

    private final ResourceStore<Encounter> encounters;

    public EncounterResourceProvider(ResourceStore<Encounter> encounters) {
        this.encounters = encounters;
    }

    @Override
    public Class<Encounter> getResourceType() {
        return Encounter.class;
    }

    @Read
    public Encounter read(RequestDetails request, @IdParam IdType id) {
        return Stores.readOrNotFound(encounters, id, request);
    }

    @Search
    public List<Encounter> search(RequestDetails request,
            @OptionalParam(name = IAnyResource.SP_RES_ID) TokenOrListParam ids,
            @OptionalParam(name = Encounter.SP_PATIENT) ReferenceParam patient,
            @OptionalParam(name = Encounter.SP_SUBJECT) ReferenceParam subject) {
        AccessDecision access = AccessDecision.of(request);
        return encounters.search(encounter -> access.allows(encounter)
                && TokenMatch.id(ids, encounter.getIdElement().getIdPart())
                && ReferenceMatch.matches(patient, "Patient", encounter.getSubject())
                && ReferenceMatch.matches(subject, "Patient", encounter.getSubject()),
                Orderings.ENCOUNTERS_NEWEST_FIRST);
    }
}
