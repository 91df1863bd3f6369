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
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.IdType;

/** Condition read and search by patient, category and code; results sorted by id. */
public final class ConditionResourceProvider implements IResourceProvider {

    private final ResourceStore<Condition> conditions;

    public ConditionResourceProvider(ResourceStore<Condition> conditions) {
        this.conditions = conditions;
    }

    @Override
    public Class<Condition> getResourceType() {
        return Condition.class;
    }

    @Read
    public Condition read(RequestDetails request, @IdParam IdType id) {
        return Stores.readOrNotFound(conditions, id, request);
    }

    @Search
    public List<Condition> search(RequestDetails request,
            @OptionalParam(name = IAnyResource.SP_RES_ID) TokenOrListParam ids,
            @OptionalParam(name = Condition.SP_PATIENT) ReferenceParam patient,
            @OptionalParam(name = Condition.SP_SUBJECT) ReferenceParam subject,
            @OptionalParam(name = Condition.SP_CATEGORY) TokenOrListParam category,
            @OptionalParam(name = Condition.SP_CODE) TokenOrListParam code) {
        AccessDecision access = AccessDecision.of(request);
        return conditions.search(condition -> access.allows(condition)
                && TokenMatch.id(ids, condition.getIdElement().getIdPart())
                && ReferenceMatch.matches(patient, "Patient", condition.getSubject())
                && ReferenceMatch.matches(subject, "Patient", condition.getSubject())
                && TokenMatch.anyConcept(category, condition.getCategory())
                && TokenMatch.anyConcept(code, condition.getCode()),
                Orderings.BY_ID);
    }
}
