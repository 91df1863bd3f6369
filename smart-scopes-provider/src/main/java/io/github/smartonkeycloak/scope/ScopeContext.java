package io.github.smartonkeycloak.scope;

/** Whose data a SMART resource scope is about: the patient in context, whatever the user may see, or a backend system. */
public enum ScopeContext {
    PATIENT("patient"),
    USER("user"),
    SYSTEM("system");

    private final String prefix;

    ScopeContext(String prefix) {
        this.prefix = prefix;
    }

    public String prefix() {
        return prefix;
    }

    /** The context for a scope prefix such as {@code patient}, or {@code null}. */
    public static ScopeContext ofPrefix(String prefix) {
        return switch (prefix) {
            case "patient" -> PATIENT;
            case "user" -> USER;
            case "system" -> SYSTEM;
            default -> null;
        };
    }
}
