package io.github.smartonkeycloak.demofhir.resources;

import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.param.DateRangeParam;
import ca.uhn.fhir.rest.param.StringParam;
import ca.uhn.fhir.rest.param.TokenOrListParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.SimpleBundleProvider;
import io.github.smartonkeycloak.demofhir.data.ResourceStore;
import io.github.smartonkeycloak.demofhir.index.PatientIndex;
import io.github.smartonkeycloak.demofhir.search.PatientQuery;
import io.github.smartonkeycloak.demofhir.search.PatientScan;
import io.github.smartonkeycloak.demofhir.security.AccessDecision;
import org.hl7.fhir.instance.model.api.IAnyResource;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Patient;

/**
 * Patient read and search; results sorted by id. Searches are answered from {@link PatientIndex}, the few forms it
 * does not cover by looking at every patient ({@link PatientScan}), with the same answer.
 */
public final class PatientResourceProvider implements IResourceProvider {

    private final ResourceStore<Patient> patients;
    private final PatientIndex index;

    public PatientResourceProvider(ResourceStore<Patient> patients) {
        this.patients = patients;
        this.index = PatientIndex.of(patients);
    }

    @Override
    public Class<Patient> getResourceType() {
        return Patient.class;
    }

    @Read
    public Patient read(RequestDetails request, @IdParam IdType id) {
        return Stores.readOrNotFound(patients, id, request);
    }

    @Search
    public IBundleProvider search(RequestDetails request,
            @OptionalParam(name = IAnyResource.SP_RES_ID) TokenOrListParam ids,
            @OptionalParam(name = Patient.SP_NAME) StringParam name,
            @OptionalParam(name = Patient.SP_FAMILY) StringParam family,
            @OptionalParam(name = Patient.SP_GIVEN) StringParam given,
            @OptionalParam(name = Patient.SP_BIRTHDATE) DateRangeParam birthDate,
            @OptionalParam(name = Patient.SP_IDENTIFIER) TokenOrListParam identifier) {
        AccessDecision access = AccessDecision.of(request);
        PatientQuery query = new PatientQuery(ids, name, family, given, birthDate, identifier);
        return index.search(query, access)
                .orElseGet(() -> new SimpleBundleProvider(PatientScan.search(patients, query, access)));
    }
}
