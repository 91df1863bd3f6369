package io.github.smartonkeycloak.core.consent;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.github.smartonkeycloak.core.scope.ResourceScope;
import io.github.smartonkeycloak.core.scope.SmartScopeParser;

/**
 * A user's earlier consent decisions for one app, as stored entries {@code "allowed <scope>"} and
 * {@code "declined <scope>"}. A scope is allowed when an allowed scope covers it, declined when it was declined
 * exactly, and undecided otherwise.
 */
public final class ConsentMemory {

    public enum Decision { ALLOWED, DECLINED, UNDECIDED }

    static final String ALLOWED_PREFIX = "allowed ";
    static final String DECLINED_PREFIX = "declined ";
    /** Keycloak stores each entry in a 255-character column; longer scopes are simply asked again. */
    static final int MAX_ENTRY_LENGTH = 255;

    public static final ConsentMemory EMPTY = new ConsentMemory(List.of());

    private final Set<String> entries;
    private final List<ResourceScope> allowed = new ArrayList<>();
    private final Set<String> declined = new LinkedHashSet<>();

    private ConsentMemory(Collection<String> entries) {
        this.entries = new LinkedHashSet<>(entries);
        for (String entry : this.entries) {
            if (entry.startsWith(ALLOWED_PREFIX)) {
                SmartScopeParser.resourceScope(entry.substring(ALLOWED_PREFIX.length())).ifPresent(allowed::add);
            } else if (entry.startsWith(DECLINED_PREFIX)) {
                declined.add(entry.substring(DECLINED_PREFIX.length()));
            }
        }
    }

    public static ConsentMemory of(Collection<String> entries) {
        return new ConsentMemory(entries);
    }

    public Decision decisionOn(ResourceScope scope) {
        if (allowed.stream().anyMatch(earlier -> earlier.covers(scope))) {
            return Decision.ALLOWED;
        }
        return declined.contains(scope.text()) ? Decision.DECLINED : Decision.UNDECIDED;
    }

    /** The entries after a new decision on these options: it replaces what was stored about them. */
    public List<String> updatedWith(ConsentOptions offered, ConsentChoice choice) {
        Set<String> updated = new LinkedHashSet<>(entries);
        for (ConsentOption option : offered.all()) {
            updated.remove(ALLOWED_PREFIX + option.text());
            updated.remove(DECLINED_PREFIX + option.text());
        }
        choice.allowed().forEach(scope -> updated.add(ALLOWED_PREFIX + scope));
        choice.declined().forEach(scope -> updated.add(DECLINED_PREFIX + scope));
        // An earlier, wider grant must not bring back what the user just declined.
        List<ResourceScope> declinedNow = offered.all().stream().map(ConsentOption::scope)
                .filter(scope -> choice.declined().contains(scope.text())).toList();
        updated.removeIf(entry -> entry.startsWith(ALLOWED_PREFIX)
                && SmartScopeParser.resourceScope(entry.substring(ALLOWED_PREFIX.length()))
                        .map(earlier -> declinedNow.stream().anyMatch(earlier::covers)).orElse(true));
        updated.removeIf(entry -> entry.length() > MAX_ENTRY_LENGTH);
        return List.copyOf(updated);
    }
}
