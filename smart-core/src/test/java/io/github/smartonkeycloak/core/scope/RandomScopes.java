package io.github.smartonkeycloak.core.scope;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Random resource scopes from a small universe, so that random pairs often overlap, cover or contradict each other.
 * Every scope goes through the parser: it is generated as text and parsed back.
 */
final class RandomScopes {

    private static final String[] TYPES = {"*", "Observation", "Condition", "Patient"};
    private static final Constraint[] CONSTRAINTS = {
            new Constraint("category", "http://terminology.hl7.org/CodeSystem/observation-category|laboratory"),
            new Constraint("category", "http://terminology.hl7.org/CodeSystem/observation-category|vital-signs"),
            new Constraint("code", "http://loinc.org|2339-0")};

    private final Random random;

    RandomScopes(Random random) {
        this.random = random;
    }

    ResourceScope scope() {
        ScopeContext context = random.nextInt(4) == 0 ? ScopeContext.USER : ScopeContext.PATIENT;
        String type = TYPES[random.nextInt(TYPES.length)];
        Permissions permissions = Permissions.ofBits(1 + random.nextInt(31));
        List<Constraint> constraints = new ArrayList<>();
        for (Constraint constraint : CONSTRAINTS) {
            if (random.nextInt(4) == 0) {
                constraints.add(constraint);
            }
        }
        ScopeSyntax syntax = random.nextBoolean() ? ScopeSyntax.V1 : ScopeSyntax.V2;
        String text = ResourceScope.of(context, type, permissions, Constraints.of(constraints), syntax).text();
        return SmartScopeParser.parseResourceScope(text);
    }

    /** A random scope that covers the given one: maybe any type, more permissions, fewer constraints. */
    ResourceScope wider(ResourceScope scope) {
        String type = random.nextInt(3) == 0 ? ResourceScope.ANY_TYPE : scope.resourceType();
        Permissions permissions = Permissions.ofBits(scope.permissions().bits() | random.nextInt(32));
        List<Constraint> constraints = new ArrayList<>();
        for (Constraint constraint : scope.constraints().asList()) {
            if (random.nextBoolean()) {
                constraints.add(constraint);
            }
        }
        ScopeSyntax syntax = random.nextBoolean() ? ScopeSyntax.V1 : ScopeSyntax.V2;
        String text = ResourceScope.of(scope.context(), type, permissions, Constraints.of(constraints), syntax).text();
        return SmartScopeParser.parseResourceScope(text);
    }

    List<ResourceScope> scopes(int maxSize) {
        List<ResourceScope> scopes = new ArrayList<>();
        int size = random.nextInt(maxSize + 1);
        for (int i = 0; i < size; i++) {
            scopes.add(scope());
        }
        return scopes;
    }

    boolean nextBoolean() {
        return random.nextBoolean();
    }

    ScopeContext context() {
        return random.nextInt(4) == 0 ? ScopeContext.USER : ScopeContext.PATIENT;
    }

    String concreteType() {
        return TYPES[1 + random.nextInt(TYPES.length - 1)];
    }

    Interaction interaction() {
        return Interaction.values()[random.nextInt(Interaction.values().length)];
    }

    /** Values a request or resource might carry for the constrained parameters. */
    Map<String, List<String>> parameters() {
        Map<String, List<String>> parameters = new HashMap<>();
        for (Constraint constraint : CONSTRAINTS) {
            if (random.nextBoolean()) {
                parameters.computeIfAbsent(constraint.name(), name -> new ArrayList<>()).add(constraint.value());
            }
        }
        return parameters;
    }
}
