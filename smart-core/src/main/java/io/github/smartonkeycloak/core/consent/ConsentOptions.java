package io.github.smartonkeycloak.core.consent;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.github.smartonkeycloak.core.scope.Constraints;
import io.github.smartonkeycloak.core.scope.ResourceScope;
import io.github.smartonkeycloak.core.scope.ScopeSyntax;

/**
 * The choices of the consent page for the resource scopes an authorization would grant: one option per granted
 * scope, checked, and for a whole Condition, Observation or DocumentReference type also its US Core categories,
 * unchecked, so the user can grant categories instead of the type.
 */
public final class ConsentOptions {

    private final Map<String, ConsentOption> options;

    private ConsentOptions(Map<String, ConsentOption> options) {
        this.options = options;
    }

    public static ConsentOptions forGrants(List<ResourceScope> granted) {
        Map<String, ConsentOption> options = new LinkedHashMap<>();
        for (ResourceScope scope : granted) {
            options.putIfAbsent(scope.text(), new ConsentOption(scope, null, null, true));
        }
        for (ResourceScope scope : granted) {
            if (!scope.constraints().isEmpty() || scope.isAnyType()) {
                continue;
            }
            for (ScopeCategory category : UsCoreCategories.of(scope.resourceType())) {
                ResourceScope subScope = ResourceScope.of(scope.context(), scope.resourceType(), scope.permissions(),
                        Constraints.of(category.constraint()), ScopeSyntax.V2);
                // A category the app asked for itself is already an option of its own.
                options.putIfAbsent(subScope.text(), new ConsentOption(subScope, scope.text(), category, false));
            }
        }
        return new ConsentOptions(options);
    }

    public List<ConsentOption> all() {
        return List.copyOf(options.values());
    }

    public boolean isEmpty() {
        return options.isEmpty();
    }

    /**
     * The user's choice from the checked values of the page.
     *
     * @throws IllegalArgumentException if a value was not offered (a tampered form)
     */
    public ConsentChoice choose(Collection<String> checked) {
        List<ConsentOption> allowed = new ArrayList<>();
        for (String value : checked) {
            ConsentOption option = options.get(value);
            if (option == null) {
                throw new IllegalArgumentException("not offered: " + value);
            }
            allowed.add(option);
        }
        return choice(allowed);
    }

    /** The earlier decision, if it settles every option; otherwise the user must be asked. */
    public Optional<ConsentChoice> remembered(ConsentMemory memory) {
        List<ConsentOption> allowed = new ArrayList<>();
        for (ConsentOption option : options.values()) {
            switch (memory.decisionOn(option.scope())) {
                case ALLOWED -> allowed.add(option);
                case DECLINED -> { }
                case UNDECIDED -> {
                    return Optional.empty();
                }
            }
        }
        return Optional.of(choice(allowed));
    }

    private ConsentChoice choice(List<ConsentOption> chosen) {
        List<ResourceScope> allowed = new ArrayList<>();
        for (ConsentOption option : chosen) {
            boolean coveredByAnother = chosen.stream().anyMatch(other -> other != option
                    && other.scope().covers(option.scope()) && !option.scope().covers(other.scope()));
            if (!coveredByAnother && allowed.stream().noneMatch(scope -> scope.equals(option.scope()))) {
                allowed.add(option.scope());
            }
        }
        List<String> declined = options.values().stream()
                .filter(option -> allowed.stream().noneMatch(scope -> scope.covers(option.scope())))
                .map(ConsentOption::text)
                .toList();
        return new ConsentChoice(allowed.stream().map(ResourceScope::text).toList(), declined);
    }
}
