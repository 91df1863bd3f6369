package io.github.smartonkeycloak.demofhir.security;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.IPreResourceShowDetails;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.param.ReferenceParam;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the {@link AccessDecision} of {@link ScopeEnforcer} to the stored types (Consent, AuditEvent), at the hooks
 * HAPI's JPA server calls on the RESTful server's interceptors: what a read or search would show the token may not
 * see is taken out (a read then answers 404, as for the generated types), a search with only {@code patient/} scopes
 * is narrowed to the patient in context (so that its total counts only what it shows), and an update may not take
 * over a resource outside the compartment. The generated types never reach these hooks.
 */
public final class StoredResourceGuard {

    private static final Logger LOG = LoggerFactory.getLogger(StoredResourceGuard.class);

    @Hook(Pointcut.STORAGE_PRESHOW_RESOURCES)
    public void hideWhatTheTokenMayNotSee(IPreResourceShowDetails details, RequestDetails request) {
        AccessDecision decision = AccessDecision.of(request);
        for (int i = 0; i < details.size(); i++) {
            IBaseResource resource = details.getResource(i);
            if (resource != null && !(resource instanceof Resource shown && decision.allows(shown))) {
                details.setResource(i, null);
            }
        }
    }

    @Hook(Pointcut.STORAGE_PRESEARCH_REGISTERED)
    public void narrowToThePatient(SearchParameterMap search, RequestDetails request) {
        AccessDecision.of(request).onlyPatient()
                .ifPresent(patient -> search.add("patient", new ReferenceParam("Patient/" + patient)));
    }

    /**
     * An update of an id the store does not have creates the resource: that needs the create permission. (HAPI also
     * creates placeholder Patients during a write; those are not the request's own type and pass.)
     */
    @Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_CREATED)
    public void holdUpdateThatCreates(IBaseResource created, RequestDetails request) {
        if (request.getRestOperationType() != RestOperationTypeEnum.UPDATE
                || !created.fhirType().equals(request.getResourceName())) {
            return;
        }
        AccessDecision create = AccessDecision.of(request).forCreate();
        if (create.permitsNothing() || !(created instanceof Resource resource && create.allows(resource))) {
            LOG.info("403 update {} that would create it", request.getResourceName());
            throw ScopeEnforcer.forbidden("No " + request.getResourceName() + " has this id, and the access token's "
                    + "scopes do not allow create on " + request.getResourceName());
        }
    }

    @Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_UPDATED)
    public void holdUpdate(IBaseResource previous, IBaseResource updated, RequestDetails request) {
        if (!(previous instanceof Resource stored && AccessDecision.of(request).allows(stored))) {
            LOG.info("403 update {} outside the patient compartment", request.getResourceName());
            throw ScopeEnforcer.forbidden("Patient-level scopes (patient/...) only allow update of "
                    + request.getResourceName() + " resources about the patient in context");
        }
    }
}
