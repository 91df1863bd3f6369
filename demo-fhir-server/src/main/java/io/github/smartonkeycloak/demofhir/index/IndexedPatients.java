package io.github.smartonkeycloak.demofhir.index;

import java.util.AbstractList;
import java.util.List;

import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.server.SimpleBundleProvider;

import io.github.smartonkeycloak.demofhir.data.ResourceStore;
import io.github.smartonkeycloak.demofhir.security.AccessDecision;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Patient;

/**
 * The answer of an indexed search as HAPI pages it: the matching ids in order, each patient copied from the store only
 * when its page is served, so a search that matches a million patients copies only the page asked for.
 */
final class IndexedPatients extends AbstractList<IBaseResource> {

    private final ResourceStore<Patient> store;
    private final String[] sortedIds;
    /** Positions in {@code sortedIds}, ascending; null: every patient. */
    private final int[] positions;
    private final AccessDecision access;

    /**
     * The answer for HAPI. It must not say it "contains all resources": HAPI would then count the total by copying
     * the whole list (getResourceListComplete), a million patients for a list of all.
     */
    static IBundleProvider bundle(List<? extends IBaseResource> patients) {
        return new SimpleBundleProvider(patients) {
            @Override
            public boolean containsAllResources() {
                return false;
            }
        };
    }

    IndexedPatients(ResourceStore<Patient> store, String[] sortedIds, int[] positions, AccessDecision access) {
        this.store = store;
        this.sortedIds = sortedIds;
        this.positions = positions;
        this.access = access;
    }

    @Override
    public IBaseResource get(int index) {
        String id = sortedIds[positions == null ? index : positions[index]];
        Patient patient = store.read(id).orElseThrow(() -> new IllegalStateException("Indexed patient not in store"));
        if (!access.allows(patient)) {
            // The index decided the token's access for the whole answer at once; should that ever differ from the
            // decision for one patient, fail (500) rather than show the patient.
            throw new IllegalStateException("The access decision differs between indexed patients");
        }
        return patient;
    }

    @Override
    public int size() {
        return positions == null ? sortedIds.length : positions.length;
    }
}
