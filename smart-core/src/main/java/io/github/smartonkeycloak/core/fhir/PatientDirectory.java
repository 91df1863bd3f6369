package io.github.smartonkeycloak.core.fhir;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where the login pages find patients and their encounters: the patient and encounter pickers and the demo EHR
 * launcher ask it, never a FHIR server directly. The pack's implementation reads the realm's FHIR server; a deployer with
 * another patient index can provide their own. One instance serves one page (one HTTP request): it may keep what it
 * needs for that page, such as a credential and the time spent waiting.
 * <p>
 * Ids are what the pack keeps; names and birth dates are shown and never logged. Every method throws
 * {@link FhirUnavailableException} when the directory cannot answer, which the pages turn into a "try again" page.
 */
public interface PatientDirectory {

    /** Patients whose name starts with the text (all patients, the first page, when blank). */
    default List<PatientSummary> searchPatients(String name, int count) {
        List<Map.Entry<String, String>> parameters = name == null || name.isBlank()
                ? List.of() : List.of(Map.entry("name", name.trim()));
        return searchPatients(parameters, 0, count).patients();
    }

    /** A page (0 is the first) of the patients matching all these FHIR search parameters. */
    PatientPage searchPatients(List<Map.Entry<String, String>> parameters, int page, int pageSize);

    /** The patients with these ids that exist and match the extra search parameters, in the order of the ids. */
    List<PatientSummary> patients(Collection<String> ids, List<Map.Entry<String, String>> extraParameters);

    /** The patient with this id; empty if there is no such patient or the id is not a FHIR id. */
    Optional<PatientSummary> readPatient(String id);

    /** The patient's encounters, newest first, at most {@code count}. */
    List<EncounterSummary> encounters(String patientId, int count);

    /** Time this instance spent waiting for its source so far (reported in a {@code Server-Timing} header). */
    Duration timeWaited();
}
