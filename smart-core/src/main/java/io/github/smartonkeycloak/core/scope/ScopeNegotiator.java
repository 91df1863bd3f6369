package io.github.smartonkeycloak.core.scope;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Grants each requested resource scope as far as some ceiling (a scope the client may have) allows: the intersection
 * of the two. A requested scope inside a ceiling is granted verbatim, so granular scopes come back exactly as asked
 * and are never widened; a broader request is narrowed to the ceiling and written in the app's syntax (a v1 request is
 * answered in v1 where v1 can say it). Requests no ceiling allows, or for unsupported resource types, are dropped.
 */
public final class ScopeNegotiator {

    private final ResourceTypes supportedTypes;

    public ScopeNegotiator(ResourceTypes supportedTypes) {
        this.supportedTypes = supportedTypes;
    }

    public Negotiation negotiate(List<ResourceScope> requested, List<ResourceScope> ceilings) {
        List<Grant> grants = new ArrayList<>();
        List<ResourceScope> dropped = new ArrayList<>();
        Set<String> grantedTexts = new HashSet<>();
        for (ResourceScope request : requested) {
            List<Grant> candidates = supportedTypes.supports(request.resourceType())
                    ? maximalGrants(request, ceilings)
                    : List.of();
            if (candidates.isEmpty()) {
                dropped.add(request);
            }
            for (Grant grant : candidates) {
                if (grantedTexts.add(grant.text())) {
                    grants.add(grant);
                }
            }
        }
        return new Negotiation(List.copyOf(grants), List.copyOf(dropped));
    }

    /** The intersections with every ceiling, minus those another one already covers. */
    private List<Grant> maximalGrants(ResourceScope request, List<ResourceScope> ceilings) {
        List<Grant> candidates = new ArrayList<>(2);
        for (int i = 0; i < ceilings.size(); i++) {
            Optional<ResourceScope> common = request.intersect(ceilings.get(i));
            // A wildcard request takes the ceiling's type, which must be supported too.
            if (common.isEmpty() || !supportedTypes.supports(common.get().resourceType())) {
                continue;
            }
            ResourceScope granted = common.get();
            if (!coveredByAny(candidates, granted)) {
                removeCoveredBy(candidates, granted);
                candidates.add(new Grant(request, written(request, granted), i));
            }
        }
        return candidates;
    }

    // Plain loops: the lambdas they replace allocated on every request-ceiling pair.
    private static boolean coveredByAny(List<Grant> candidates, ResourceScope scope) {
        for (int i = 0; i < candidates.size(); i++) {
            if (candidates.get(i).granted().covers(scope)) {
                return true;
            }
        }
        return false;
    }

    private static void removeCoveredBy(List<Grant> candidates, ResourceScope scope) {
        for (int i = candidates.size() - 1; i >= 0; i--) {
            if (scope.covers(candidates.get(i).granted())) {
                candidates.remove(i);
            }
        }
    }

    private static ResourceScope written(ResourceScope request, ResourceScope granted) {
        if (granted.equals(request)) {
            return request;
        }
        return granted.writtenIn(request.syntax());
    }
}
