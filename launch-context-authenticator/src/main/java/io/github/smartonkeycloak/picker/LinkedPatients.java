package io.github.smartonkeycloak.picker;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The Patient records a patient user may act for: their own ({@code fhirUser = Patient/<id>}) and those the user
 * attribute listing patient ids names (records they are a proxy for, such as a child's). Values may hold several
 * ids separated by spaces or commas; invalid ids are ignored.
 */
public final class LinkedPatients {

    private static final String PATIENT_PREFIX = "Patient/";

    private LinkedPatients() {
    }

    public static List<String> of(String fhirUser, Collection<String> patientIdValues) {
        Set<String> ids = new LinkedHashSet<>();
        if (fhirUser != null && fhirUser.startsWith(PATIENT_PREFIX)) {
            addIfValid(ids, fhirUser.substring(PATIENT_PREFIX.length()));
        }
        if (patientIdValues != null) {
            for (String value : patientIdValues) {
                if (value == null) {
                    continue;
                }
                for (String id : value.split("[\\s,]+")) {
                    addIfValid(ids, id.startsWith(PATIENT_PREFIX) ? id.substring(PATIENT_PREFIX.length()) : id);
                }
            }
        }
        return List.copyOf(ids);
    }

    private static void addIfValid(Set<String> ids, String id) {
        if (FhirIds.isValid(id)) {
            ids.add(id);
        }
    }
}
