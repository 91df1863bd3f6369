package io.github.smartonkeycloak.demofhir.security;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.BasePagingProvider;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps search results for their {@code next} links in memory, each with the {@link PageOwner} of the token whose
 * search made it, and hands a page only to a token with the same owner; any other token gets 403. Without that, the
 * {@code _getpages} id in a next link (browser history, a shared URL, a proxy log) would read another user's
 * results with any active token. The oldest results are dropped first.
 */
public final class TokenBoundPagingProvider extends BasePagingProvider {

    private static final Logger LOG = LoggerFactory.getLogger(TokenBoundPagingProvider.class);

    private final Map<String, StoredSearch> searches;

    public TokenBoundPagingProvider(int keptSearches) {
        this.searches = new LinkedHashMap<>() {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, StoredSearch> eldest) {
                return size() > keptSearches;
            }
        };
    }

    @Override
    public synchronized String storeResultList(RequestDetails request, IBundleProvider results) {
        String id = UUID.randomUUID().toString();
        searches.put(id, new StoredSearch(owner(request), results));
        return id;
    }

    /** The results, or null (HAPI's 410) when they are unknown or dropped; 403 for another token's results. */
    @Override
    public synchronized IBundleProvider retrieveResultList(RequestDetails request, String id) {
        StoredSearch search = searches.get(id);
        if (search == null) {
            return null;
        }
        if (!search.owner().equals(owner(request))) {
            LOG.info("403 page of another token's search");
            throw forbidden();
        }
        return search.results();
    }

    private static PageOwner owner(RequestDetails request) {
        Optional<Introspection> introspection = AuthenticatedRequest.introspection(request)
                .filter(Introspection::active);
        // BearerTokenFilter lets no data request through without an active token; fail closed all the same.
        return introspection.map(PageOwner::of).orElseThrow(TokenBoundPagingProvider::forbidden);
    }

    private static ForbiddenOperationException forbidden() {
        return ScopeEnforcer.forbidden("This page belongs to a search made with another access token (another user, "
                + "app, patient or scopes); repeat the search with this token");
    }

    private record StoredSearch(PageOwner owner, IBundleProvider results) {
    }
}
