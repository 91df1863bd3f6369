package io.github.smartonkeycloak.core.scope;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * An OAuth {@code scope} value: space-separated scope names, in order, each once. Every entry point of the pack
 * (authorization check, scope parser, consent, token checks, context binding) reads a scope string through this
 * one value instead of splitting it itself, so they all agree on what the names are.
 */
public final class ScopeRequest {

    private static final ScopeRequest EMPTY = new ScopeRequest(Set.of());

    private final Set<String> names;

    private ScopeRequest(Set<String> names) {
        this.names = names;
    }

    /** The names of a {@code scope} parameter or claim; null or blank gives none. */
    public static ScopeRequest of(String scopeParameter) {
        if (scopeParameter == null || scopeParameter.isEmpty()) {
            return EMPTY;
        }
        Set<String> names = new LinkedHashSet<>();
        for (String name : scopeParameter.split(" ")) {
            if (!name.isEmpty()) {
                names.add(name);
            }
        }
        return names.isEmpty() ? EMPTY : new ScopeRequest(Collections.unmodifiableSet(names));
    }

    /** The scope names in request order. */
    public Set<String> names() {
        return names;
    }

    public boolean isEmpty() {
        return names.isEmpty();
    }

    public boolean contains(String name) {
        return names.contains(name);
    }

    public boolean anyMatch(Predicate<String> test) {
        return names.stream().anyMatch(test);
    }

    /** Whether any name claims to be a SMART scope (resource or launch), well-formed or not. */
    public boolean namesSmartScope() {
        return anyMatch(SmartScopeParser::looksLikeSmart);
    }

    /** The first name that claims to be a SMART scope. */
    public Optional<String> firstSmartScope() {
        return names.stream().filter(SmartScopeParser::looksLikeSmart).findFirst();
    }

    /** The resource scopes among the names; names that do not parse as one are left out. */
    public List<ResourceScope> resourceScopes() {
        List<ResourceScope> scopes = new ArrayList<>();
        for (String name : names) {
            SmartScopeParser.resourceScope(name).ifPresent(scopes::add);
        }
        return scopes;
    }

    /** The names that are resource scopes, exactly as written (what a consent record must cover). */
    public List<String> resourceScopeNames() {
        return names.stream().filter(name -> SmartScopeParser.resourceScope(name).isPresent()).toList();
    }

    /** Whether any name is a resource scope in the given context ({@code patient/}, {@code user/}, {@code system/}). */
    public boolean hasResourceScope(ScopeContext context) {
        return names.stream().anyMatch(name -> SmartScopeParser.resourceScope(name)
                .filter(scope -> scope.context() == context).isPresent());
    }

    /**
     * The first scope that claims to be a SMART resource or launch scope but breaks the grammar. Other names are not
     * errors: an app may ask for scopes the server does not know, and simply does not get them.
     */
    public Optional<ScopeSyntaxException> firstMalformed() {
        for (String name : names) {
            if (SmartScopeParser.looksLikeSmart(name)) {
                try {
                    SmartScopeParser.parse(name);
                } catch (ScopeSyntaxException e) {
                    return Optional.of(e);
                }
            }
        }
        return Optional.empty();
    }

    /** The names that pass {@code keep}, in order. */
    public ScopeRequest filter(Predicate<String> keep) {
        Set<String> kept = new LinkedHashSet<>();
        for (String name : names) {
            if (keep.test(name)) {
                kept.add(name);
            }
        }
        return kept.size() == names.size() ? this : new ScopeRequest(Collections.unmodifiableSet(kept));
    }

    /** The names of this request that {@code other} does not hold, in order. */
    public List<String> namesNotIn(ScopeRequest other) {
        return names.stream().filter(name -> !other.contains(name)).toList();
    }

    /**
     * This request with its resource scopes replaced by {@code allowed}: the other names (openid, launch/patient,
     * offline_access, ...) stay as requested.
     */
    public ScopeRequest withResourceScopes(Collection<String> allowed) {
        Set<String> result = new LinkedHashSet<>();
        for (String name : names) {
            if (SmartScopeParser.resourceScope(name).isEmpty()) {
                result.add(name);
            }
        }
        result.addAll(allowed);
        return new ScopeRequest(Collections.unmodifiableSet(result));
    }

    /** The space-separated form, for a {@code scope} parameter or claim. */
    public String toParameter() {
        return String.join(" ", names);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ScopeRequest request && names.equals(request.names);
    }

    @Override
    public int hashCode() {
        return names.hashCode();
    }

    @Override
    public String toString() {
        return toParameter();
    }
}
