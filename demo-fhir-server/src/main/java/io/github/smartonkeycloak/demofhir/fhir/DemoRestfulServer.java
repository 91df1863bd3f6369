package io.github.smartonkeycloak.demofhir.fhir;

import java.util.ArrayList;
import java.util.List;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.RestfulServer;
import io.github.smartonkeycloak.demofhir.data.Population;
import io.github.smartonkeycloak.demofhir.keycloak.RealmEndpoints;
import io.github.smartonkeycloak.demofhir.resources.ResourceProviders;
import io.github.smartonkeycloak.demofhir.security.ScopeEnforcer;
import io.github.smartonkeycloak.demofhir.security.StoredResourceGuard;
import io.github.smartonkeycloak.demofhir.security.TokenBoundPagingProvider;

/**
 * HAPI's plain RESTful server, set up for the in-memory population, and for the stored types (Consent, AuditEvent)
 * with the resource providers of HAPI's JPA server when there is one.
 */
public final class DemoRestfulServer extends RestfulServer {

    public static final int DEFAULT_PAGE_SIZE = 20;
    public static final int MAX_PAGE_SIZE = 100;
    /** How many search results are kept for their next links; the oldest is dropped first. */
    private static final int KEPT_SEARCHES = 200;

    public DemoRestfulServer(FhirContext fhirContext, Population population, RealmEndpoints endpoints,
            List<IResourceProvider> storedTypes, List<Object> storeInterceptors) {
        super(fhirContext);
        setServerName("SMART on Keycloak demo FHIR server");
        setImplementationDescription("In-memory synthetic data; bearer tokens checked with Keycloak");
        setDefaultResponseEncoding(EncodingEnum.JSON);
        List<IResourceProvider> providers = new ArrayList<>(ResourceProviders.forPopulation(population));
        providers.addAll(storedTypes);
        setResourceProviders(providers);

        TokenBoundPagingProvider paging = new TokenBoundPagingProvider(KEPT_SEARCHES);
        paging.setDefaultPageSize(DEFAULT_PAGE_SIZE);
        paging.setMaximumPageSize(MAX_PAGE_SIZE);
        setPagingProvider(paging);

        registerInterceptor(new SmartCapabilityInterceptor(endpoints));
        registerInterceptor(new QuietParameterErrorInterceptor());
        registerInterceptor(new ScopeEnforcer());
        registerInterceptor(new StoredResourceGuard());
        storeInterceptors.forEach(this::registerInterceptor);
    }
}
