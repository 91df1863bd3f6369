package io.github.smartonkeycloak.core.scope;

/** Whose data a SMART resource scope is about: the patient in context, whatever the user may see, or a backend system. */
public enum ScopeContext {
    PATIENT("patient"),
    USER("user"),
    SYSTEM("system");

    private static final ScopeContext[] VALUES = values();

    private final String prefix;

    ScopeContext(String prefix) {
        this.prefix = prefix;
    }

    public String prefix() {
        return prefix;
    }

    /**
     * Whether a grant may carry scopes of this context. {@code system/} scopes are for a client acting on its own
     * authority with no user in the loop (SMART Backend Services: the {@code client_credentials} grant, whose tokens
     * belong to the client's service account); most FHIR servers read them as access to every record, so a grant
     * made by or for a user never carries them.
     */
    public boolean isGrantableTo(boolean clientOnItsOwnBehalf) {
        return this != SYSTEM || clientOnItsOwnBehalf;
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

    /** The context for the first {@code length} characters of a scope, without cutting them out first. */
    static ScopeContext ofPrefix(String scope, int length) {
        for (ScopeContext context : VALUES) {
            if (context.prefix.length() == length && scope.startsWith(context.prefix)) {
                return context;
            }
        }
        return null;
    }
}
