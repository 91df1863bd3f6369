package io.github.smartonkeycloak.demofhir.search;

import ca.uhn.fhir.rest.param.DateRangeParam;
import ca.uhn.fhir.rest.param.StringParam;
import ca.uhn.fhir.rest.param.TokenOrListParam;

/** The parameters of a Patient search, each null when not given; all given ones must match. */
public record PatientQuery(TokenOrListParam ids, StringParam name, StringParam family, StringParam given,
        DateRangeParam birthDate, TokenOrListParam identifier) {
}
