package io.github.smartonkeycloak.core.consent.record;

/** {@code Consent.provision.type}: whether the rule permits or denies what it describes. */
public enum ConsentProvisionType {
    PERMIT("permit"),
    DENY("deny");

    private final String code;

    ConsentProvisionType(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    /** The type for a FHIR code, or null for a missing or unknown one (which neither permits nor denies). */
    static ConsentProvisionType ofCode(String code) {
        for (ConsentProvisionType type : values()) {
            if (type.code.equals(code)) {
                return type;
            }
        }
        return null;
    }
}
