package io.github.smartonkeycloak.core.scope;

/** One query constraint of a granular scope, e.g. {@code category} = {@code http://...|laboratory} (decoded). */
public record Constraint(String name, String value) {
}
