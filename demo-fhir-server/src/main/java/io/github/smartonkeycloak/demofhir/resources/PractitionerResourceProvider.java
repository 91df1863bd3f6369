package io.github.smartonkeycloak.demofhir.resources;

import java.util.List;

import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.param.StringParam;
import ca.uhn.fhir.rest.param.TokenOrListParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import io.github.smartonkeycloak.demofhir.data.ResourceStore;
import io.github.smartonkeycloak.demofhir.search.HumanNames;
import io.github.smartonkeycloak.demofhir.search.StringMatch;
import io.github.smartonkeycloak.demofhir.search.TokenMatch;
import io.github.smartonkeycloak.demofhir.security.AccessDecision;
import org.hl7.fhir.instance.model.api.IAnyResource;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Practitioner;

/** Practitioner read and search by name; results sorted by id. */
public final class PractitionerResourceProvider implements IResourceProvider {

    private final ResourceStore<Practitioner> practitioners;

    public PractitionerResourceProvider(ResourceStore<Practitioner> practitioners) {
        this.practitioners = practitioners;
    }

    @Override
    public Class<Practitioner> getResourceType() {
        return Practitioner.class;
    }

    @Read
    public Practitioner read(RequestDetails request, @IdParam IdType id) {
        return Stores.readOrNotFound(practitioners, id, request);
    }

    @Search
    public List<Practitioner> search(RequestDetails request,
            @OptionalParam(name = IAnyResource.SP_RES_ID) TokenOrListParam ids,
            @OptionalParam(name = Practitioner.SP_NAME) StringParam name) {
        AccessDecision access = AccessDecision.of(request);
        return practitioners.search(practitioner -> access.allows(practitioner)
                && TokenMatch.id(ids, practitioner.getIdElement().getIdPart())
                && StringMatch.any(name, HumanNames.allParts(practitioner.getName())),
                Orderings.BY_ID);
    }
}
