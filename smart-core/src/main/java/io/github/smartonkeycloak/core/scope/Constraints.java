package io.github.smartonkeycloak.core.scope;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The query constraints of a granular scope ({@code ?category=...&code=...}), all of which must hold. Compared as a
 * set of decoded name/value pairs, so order and percent-encoding do not matter; the written order is kept for
 * rendering.
 */
public final class Constraints {

    public static final Constraints NONE = new Constraints(List.of());

    // Scopes carry one to three constraints: compared as lists, they need no hashing of long values. Above this size a
    // hash set keeps the comparisons linear.
    private static final int MAX_LINEAR = 8;

    private final List<Constraint> ordered;
    private final Set<Constraint> set;

    private Constraints(List<Constraint> ordered) {
        this.ordered = ordered;
        this.set = ordered.size() > MAX_LINEAR ? Set.copyOf(ordered) : null;
    }

    public static Constraints of(Collection<Constraint> constraints) {
        if (constraints.isEmpty()) {
            return NONE;
        }
        if (constraints.size() == 1) {
            return new Constraints(List.of(constraints.iterator().next()));
        }
        if (constraints.size() > MAX_LINEAR) {
            return new Constraints(List.copyOf(new LinkedHashSet<>(constraints)));
        }
        List<Constraint> distinct = new ArrayList<>(constraints.size());
        for (Constraint constraint : constraints) {
            if (!distinct.contains(constraint)) {
                distinct.add(constraint);
            }
        }
        return new Constraints(List.copyOf(distinct));
    }

    public static Constraints of(Constraint... constraints) {
        return of(List.of(constraints));
    }

    public List<Constraint> asList() {
        return ordered;
    }

    public boolean isEmpty() {
        return ordered.isEmpty();
    }

    /** Every constraint here is also in {@code other}: {@code other} is at least as narrow. */
    public boolean isSubsetOf(Constraints other) {
        if (ordered.isEmpty() || this == other) {
            return true;
        }
        if (ordered.size() > other.ordered.size()) {
            return false;
        }
        return other.set != null ? other.set.containsAll(ordered) : other.ordered.containsAll(ordered);
    }

    /** Both sets of constraints at once (a conjunction). */
    public Constraints union(Constraints other) {
        if (other.ordered.isEmpty() || equals(other)) {
            return this;
        }
        if (ordered.isEmpty()) {
            return other;
        }
        List<Constraint> both = new ArrayList<>(ordered);
        both.addAll(other.ordered);
        return of(both);
    }

    /**
     * Whether a search with these parameters stays inside the constraints: for each constraint, some occurrence of
     * its parameter must allow only the constrained value ({@code a,b} in one occurrence means a or b).
     */
    boolean allowSearch(Map<String, ? extends Collection<String>> parameters) {
        for (Constraint constraint : ordered) {
            Collection<String> occurrences = parameters.get(constraint.name());
            if (occurrences == null || occurrences.stream().noneMatch(occurrence -> onlyValue(occurrence, constraint.value()))) {
                return false;
            }
        }
        return true;
    }

    /** Whether a resource with these values (per search parameter) meets every constraint. */
    boolean allowResource(Map<String, ? extends Collection<String>> resourceValues) {
        for (Constraint constraint : ordered) {
            Collection<String> values = resourceValues.get(constraint.name());
            if (values == null || !values.contains(constraint.value())) {
                return false;
            }
        }
        return true;
    }

    private static boolean onlyValue(String occurrence, String value) {
        for (String alternative : occurrence.split(",")) {
            if (!alternative.equals(value)) {
                return false;
            }
        }
        return true;
    }

    /** {@code name=value&...} with only the characters percent-encoded that would break the scope grammar. */
    public String render() {
        StringBuilder query = new StringBuilder();
        for (Constraint constraint : ordered) {
            if (query.length() > 0) {
                query.append('&');
            }
            query.append(constraint.name()).append('=');
            encode(constraint.value(), query);
        }
        return query.toString();
    }

    private static void encode(String value, StringBuilder out) {
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c <= 0x20 || c >= 0x7f || c == '%' || c == '&' || c == '#' || c == '"' || c == '\\') {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            } else {
                out.append((char) c);
            }
        }
    }

    // Both lists hold distinct elements, so equal sizes and one inside the other mean equal sets.
    @Override
    public boolean equals(Object other) {
        return other instanceof Constraints constraints
                && constraints.ordered.size() == ordered.size()
                && isSubsetOf(constraints);
    }

    /** The hash of the set of constraints (the sum of the elements' hashes), as before the list representation. */
    @Override
    public int hashCode() {
        int hash = 0;
        for (Constraint constraint : ordered) {
            hash += constraint.hashCode();
        }
        return hash;
    }

    @Override
    public String toString() {
        return render();
    }
}
