package io.github.smartonkeycloak.core.picker;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.github.smartonkeycloak.core.text.SpaceOrCommaList;

/**
 * The Patient records a patient user may act for: their own ({@code fhirUser} = {@code Patient/<id>}, relative or an
 * absolute URL) and those the user attribute listing patient ids names (records they are a proxy for, such as a
 * child's). Values may hold several ids or {@code Patient} references separated by spaces or commas; invalid ids
 * are ignored.
 */
public final class LinkedPatients {

    private static final String PATIENT = "Patient";

    private LinkedPatients() {
    }

    public static List<String> of(String fhirUser, Collection<String> patientIdValues) {
        Set<String> ids = new LinkedHashSet<>();
        FhirReference.idOf(fhirUser, PATIENT).ifPresent(ids::add);
        if (patientIdValues != null) {
            for (String value : patientIdValues) {
                if (value == null) {
                    continue;
                }
                for (String idOrReference : SpaceOrCommaList.split(value)) {
                    if (FhirIds.isValid(idOrReference)) {
                        ids.add(idOrReference);
                    } else {
                        FhirReference.idOf(idOrReference, PATIENT).ifPresent(ids::add);
                    }
                }
            }
        }
        return List.copyOf(ids);
    }
}
