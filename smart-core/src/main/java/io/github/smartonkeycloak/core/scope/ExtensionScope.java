package io.github.smartonkeycloak.core.scope;

/** A scope outside SMART's grammar that SMART allows: a full URI or a name starting with {@code __}. */
public record ExtensionScope(String text) implements SmartScope {
}
