package io.github.smartonkeycloak.demofhir.resources;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import io.github.smartonkeycloak.demofhir.data.ResourceStore;
import io.github.smartonkeycloak.demofhir.security.AccessDecision;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Resource;

/** Reads shared by every provider. */
final class Stores {

    private Stores() {
    }

    /**
     * The resource, if the request's access token may see it; otherwise HAPI's 404 OperationOutcome, the same whether
     * the resource is missing or only outside what the token may see, so that a read tells nothing of the ids of other
     * patients' records.
     */
    static <T extends Resource> T readOrNotFound(ResourceStore<T> store, IdType id, RequestDetails request) {
        AccessDecision access = AccessDecision.of(request);
        return store.read(id.getIdPart()).filter(access::allows).orElseThrow(() -> new ResourceNotFoundException(id));
    }
}
