package io.github.smartonkeycloak.demofhir.resources;

import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import io.github.smartonkeycloak.demofhir.data.ResourceStore;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Resource;

/** Reads shared by every provider. */
final class Stores {

    private Stores() {
    }

    /** The resource, or HAPI's 404 OperationOutcome. */
    static <T extends Resource> T readOrNotFound(ResourceStore<T> store, IdType id) {
        return store.read(id.getIdPart()).orElseThrow(() -> new ResourceNotFoundException(id));
    }
}
