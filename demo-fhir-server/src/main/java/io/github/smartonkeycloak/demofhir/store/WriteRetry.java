package io.github.smartonkeycloak.demofhir.store;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.jpa.api.model.ResourceVersionConflictResolutionStrategy;
import ca.uhn.fhir.rest.api.server.RequestDetails;

/**
 * Retries a write that lost a race in the database: two writes about a patient the store has not seen (a consent and
 * an audit event of the same login, say) each create the same placeholder {@code Patient}, and one of them meets the
 * other's row. HAPI retries only when an interceptor asks it to.
 */
final class WriteRetry {

    private static final int RETRIES = 3;

    @Hook(Pointcut.STORAGE_VERSION_CONFLICT)
    public ResourceVersionConflictResolutionStrategy retry(RequestDetails request) {
        ResourceVersionConflictResolutionStrategy strategy = new ResourceVersionConflictResolutionStrategy();
        strategy.setRetry(true);
        strategy.setMaxRetries(RETRIES);
        return strategy;
    }
}
