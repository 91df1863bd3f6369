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
import org.hl7.fhir.r4.model.RelatedPerson;

/** RelatedPerson read and search by patient; results sorted by id. */
public final class RelatedPersonResourceProvider implements IResourceProvider {

    private final ResourceStore<RelatedPerson> relatedPersons;

    public RelatedPersonResourceProvider(ResourceStore<RelatedPerson> relatedPersons) {
        this.relatedPersons = relatedPersons;
    }

    @Override
    public Class<RelatedPerson> getResourceType() {
        return RelatedPerson.class;
    }

    @Read
    public RelatedPerson read(RequestDetails request, @IdParam IdType id) {
        return Stores.readOrNotFound(relatedPersons, id, request);
    }

    @Search
    public List<RelatedPerson> search(RequestDetails request,
            @OptionalParam(name = IAnyResource.SP_RES_ID) TokenOrListParam ids,
            @OptionalParam(name = RelatedPerson.SP_PATIENT) ReferenceParam patient) {
        AccessDecision access = AccessDecision.of(request);
        return relatedPersons.search(person -> access.allows(person)
                && TokenMatch.id(ids, person.getIdElement().getIdPart())
                && ReferenceMatch.matches(patient, "Patient", person.getPatient()),
                Orderings.BY_ID);
    }
}
