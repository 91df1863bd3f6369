package io.github.smartonkeycloak.core.scope;

/** One scope of a SMART authorization request, parsed by {@link SmartScopeParser}. */
public sealed interface SmartScope permits ResourceScope, LaunchScope, StandardScope, ExtensionScope {

    /** The scope as written (or rendered, for scopes the engine made). */
    String text();
}
