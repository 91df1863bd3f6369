package io.github.smartonkeycloak.demofhir.index;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;

import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.server.SimpleBundleProvider;
import ca.uhn.fhir.rest.server.method.ResponsePage;

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
     * The answer for HAPI, which takes from it only the page it serves. Not HAPI's list-based provider as it is: its
     * constructor looks at every element, and when it "contains all resources" HAPI counts the total by copying the
     * whole list, a million patients for a list of all.
     */
    static IBundleProvider bundle(List<? extends IBaseResource> patients) {
        SimpleBundleProvider bundle = new SimpleBundleProvider() {
            @Override
            public List<IBaseResource> getResources(int from, int to, ResponsePage.ResponsePageBuilder page) {
                super.getResources(0, 0, page); // what HAPI's provider tells the page builder
                return new ArrayList<>(patients.subList(Math.min(from, patients.size()), Math.min(to, patients.size())));
            }

            @Override
            public boolean containsAllResources() {
                return false;
            }
        };
        bundle.setSize(patients.size());
        return bundle;
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
