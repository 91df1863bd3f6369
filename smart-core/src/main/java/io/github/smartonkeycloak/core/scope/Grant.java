package io.github.smartonkeycloak.core.scope;

/**
 * One scope granted for one requested scope, and the ceiling that allowed it.
 *
 * @param requested what the app asked for
 * @param granted what it gets: the requested scope itself (verbatim) or a narrower one, in the app's syntax
 * @param ceiling index of the ceiling in the list given to {@link ScopeNegotiator#negotiate}
 */
public record Grant(ResourceScope requested, ResourceScope granted, int ceiling) {

    public String text() {
        return granted.text();
    }
}
