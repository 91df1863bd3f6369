package io.github.smartonkeycloak.demofhir.resources;

import java.util.Comparator;
import java.util.Date;

import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Resource;

/** The orders search results come in; ties are broken by id so paging is stable. */
final class Orderings {

    static final Comparator<Resource> BY_ID = Comparator.comparing(resource -> resource.getIdElement().getIdPart());

    static final Comparator<Encounter> ENCOUNTERS_NEWEST_FIRST = Comparator
            .comparing((Encounter encounter) -> encounter.getPeriod().getStart(),
                    Comparator.nullsLast(Comparator.<Date>reverseOrder()))
            .thenComparing(BY_ID);

    static final Comparator<Observation> OBSERVATIONS_NEWEST_FIRST = Comparator
            .comparing((Observation observation) -> observation.hasEffectiveDateTimeType()
                    ? observation.getEffectiveDateTimeType().getValue()
                    : null, Comparator.nullsLast(Comparator.<Date>reverseOrder()))
            .thenComparing(BY_ID);

    private Orderings() {
    }
}
