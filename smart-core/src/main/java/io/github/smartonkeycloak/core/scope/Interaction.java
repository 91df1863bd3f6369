package io.github.smartonkeycloak.core.scope;

/** What a FHIR request does, and the SMART permission it needs. */
public enum Interaction {
    CREATE(Permission.CREATE),
    READ(Permission.READ),
    UPDATE(Permission.UPDATE),
    DELETE(Permission.DELETE),
    SEARCH(Permission.SEARCH);

    private final Permission permission;

    Interaction(Permission permission) {
        this.permission = permission;
    }

    public Permission permission() {
        return permission;
    }
}
