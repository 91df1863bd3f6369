package io.github.smartonkeycloak.core.scope;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Set-level algebra over resource scopes. */
public final class ScopeSets {

    private ScopeSets() {
    }

    /** Whether some scope of the set allows everything {@code scope} allows. */
    public static boolean covers(Collection<ResourceScope> set, ResourceScope scope) {
        for (ResourceScope member : set) {
            if (member.covers(scope)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the first set allows everything the second allows, scope by scope. */
    public static boolean coversAll(Collection<ResourceScope> set, Collection<ResourceScope> scopes) {
        for (ResourceScope scope : scopes) {
            if (!covers(set, scope)) {
                return false;
            }
        }
        return true;
    }

    /**
     * What both sets allow: every pairwise intersection, keeping only those no other one covers (and one of equal
     * ones), written in v2.
     */
    public static List<ResourceScope> intersect(Collection<ResourceScope> first, Collection<ResourceScope> second) {
        List<ResourceScope> result = new ArrayList<>();
        for (ResourceScope a : first) {
            for (ResourceScope b : second) {
                Optional<ResourceScope> common = a.intersect(b);
                if (common.isEmpty() || covers(result, common.get())) {
                    continue;
                }
                ResourceScope scope = common.get();
                result.removeIf(scope::covers);
                result.add(scope);
            }
        }
        return result;
    }
}
