package io.github.smartonkeycloak.demofhir.resources;

import java.time.LocalDate;
import java.util.List;

import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.param.DateRangeParam;
import ca.uhn.fhir.rest.param.StringParam;
import ca.uhn.fhir.rest.param.TokenOrListParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import io.github.smartonkeycloak.demofhir.data.ResourceStore;
import io.github.smartonkeycloak.demofhir.search.DateMatch;
import io.github.smartonkeycloak.demofhir.search.StringMatch;
import io.github.smartonkeycloak.demofhir.search.TokenMatch;
import io.github.smartonkeycloak.demofhir.security.AccessDecision;
import org.hl7.fhir.instance.model.api.IAnyResource;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Patient;

/** Patient read and search; results sorted by id. */
public final class PatientResourceProvider implements IResourceProvider {

    private final ResourceStore<Patient> patients;

    public PatientResourceProvider(ResourceStore<Patient> patients) {
        this.patients = patients;
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
    public List<Patient> search(RequestDetails request,
            @OptionalParam(name = IAnyResource.SP_RES_ID) TokenOrListParam ids,
            @OptionalParam(name = Patient.SP_NAME) StringParam name,
            @OptionalParam(name = Patient.SP_FAMILY) StringParam family,
            @OptionalParam(name = Patient.SP_GIVEN) StringParam given,
            @OptionalParam(name = Patient.SP_BIRTHDATE) DateRangeParam birthDate,
            @OptionalParam(name = Patient.SP_IDENTIFIER) TokenOrListParam identifier) {
        AccessDecision access = AccessDecision.of(request);
        return patients.search(patient -> access.allows(patient)
                && TokenMatch.id(ids, patient.getIdElement().getIdPart())
                && StringMatch.any(name, HumanNames.allParts(patient.getName()))
                && StringMatch.any(family, HumanNames.families(patient.getName()))
                && StringMatch.any(given, HumanNames.givens(patient.getName()))
                && bornWithin(birthDate, patient)
                && TokenMatch.anyIdentifier(identifier, patient.getIdentifier()),
                Orderings.BY_ID);
    }

    private static boolean bornWithin(DateRangeParam range, Patient patient) {
        if (range == null) {
            return true;
        }
        return patient.hasBirthDateElement()
                && DateMatch.matches(range, LocalDate.parse(patient.getBirthDateElement().getValueAsString()));
    }
}
