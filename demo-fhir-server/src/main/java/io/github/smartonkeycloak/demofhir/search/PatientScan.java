package io.github.smartonkeycloak.demofhir.search;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;

import ca.uhn.fhir.rest.param.DateRangeParam;
import io.github.smartonkeycloak.demofhir.data.ResourceStore;
import io.github.smartonkeycloak.demofhir.security.AccessDecision;
import org.hl7.fhir.r4.model.Patient;

/**
 * Patient search by looking at every patient: the reference the index is held to, and the answer to the searches the
 * index does not cover (modifiers on token parameters). Results sorted by id.
 */
public final class PatientScan {

    private static final Comparator<Patient> BY_ID = Comparator.comparing(patient -> patient.getIdElement().getIdPart());

    private PatientScan() {
    }

    public static List<Patient> search(ResourceStore<Patient> patients, PatientQuery query, AccessDecision access) {
        return patients.search(patient -> access.allows(patient)
                && TokenMatch.id(query.ids(), patient.getIdElement().getIdPart())
                && StringMatch.any(query.name(), HumanNames.allParts(patient.getName()))
                && StringMatch.any(query.family(), HumanNames.families(patient.getName()))
                && StringMatch.any(query.given(), HumanNames.givens(patient.getName()))
                && bornWithin(query.birthDate(), patient)
                && TokenMatch.anyIdentifier(query.identifier(), patient.getIdentifier()),
                BY_ID);
    }

    private static boolean bornWithin(DateRangeParam range, Patient patient) {
        if (range == null) {
            return true;
        }
        return patient.hasBirthDateElement()
                && DateMatch.matches(range, LocalDate.parse(patient.getBirthDateElement().getValueAsString()));
    }
}
