package io.github.smartonkeycloak.core.audit;

import java.util.List;

/**
 * The security events the pack audits, each with the BALP pattern it follows: its {@code type}, {@code subtype}s and
 * {@code action}. The patterns: IHE.BasicAudit.AuthZconsent (authorization decisions), IHE.BasicAudit.PatientCreate
 * and PatientUpdate (a launch or a Consent written), IUA ITI-71 "Get Access Token" (tokens issued).
 */
public enum AuditEventKind {

    LAUNCH_CREATED(rest(), "C", interaction("create"), pack("launch-created", "SMART EHR launch created")),
    /** Granted or denied, by the outcome; subtype AuthZ-Consent when the consent step decided, AuthZ-Role otherwise. */
    AUTHORIZATION(new Coding(Coding.DICOM, "110113", "Security Alert"), "E"),
    CONSENT_RECORDED(rest(), "C", interaction("create"), pack("consent-recorded", "Consent recorded")),
    CONSENT_CHANGED(rest(), "U", interaction("update"), pack("consent-changed", "Consent changed")),
    CONSENT_WITHDRAWN(rest(), "U", interaction("update"), pack("consent-withdrawn", "Consent withdrawn")),
    TOKEN_ISSUED(new Coding(Coding.DICOM, "110114", "User Authentication"), "E",
            new Coding(Coding.IHE_EVENT_TYPE, "ITI-71", "Get Access Token")),
    /** A grant revoked (RFC 7009 revocation, or the user removed the app); the grant is deleted. */
    TOKEN_REVOKED(new Coding(Coding.DICOM, "110113", "Security Alert"), "D", pack("token-revoked", "Token revoked")),
    /** A rotated refresh token was reused, so the whole token family was revoked (RFC 9700 section 4.14.2). */
    TOKEN_FAMILY_REVOKED(new Coding(Coding.DICOM, "110113", "Security Alert"), "D",
            pack("token-family-revoked", "Refresh token reuse: token family revoked"));

    static final Coding AUTHZ_CONSENT = new Coding(Coding.BALP_AUTHZ, "AuthZ-Consent",
            "Authorization Decision using Roles and Consent");
    static final Coding AUTHZ_ROLE = new Coding(Coding.BALP_AUTHZ, "AuthZ-Role", "Authorization Decision using only Roles");

    private final Coding type;
    private final String action;
    private final List<Coding> subtypes;

    AuditEventKind(Coding type, String action, Coding... subtypes) {
        this.type = type;
        this.action = action;
        this.subtypes = List.of(subtypes);
    }

    public Coding type() {
        return type;
    }

    /** FHIR {@code AuditEventAction}: C, R, U, D or E. */
    public String action() {
        return action;
    }

    /** The fixed subtypes; {@link #AUTHORIZATION} adds its own by the record. */
    public List<Coding> subtypes() {
        return subtypes;
    }

    private static Coding rest() {
        return new Coding(Coding.AUDIT_EVENT_TYPE, "rest", "Restful Operation");
    }

    private static Coding interaction(String code) {
        return new Coding(Coding.RESTFUL_INTERACTION, code, code);
    }

    private static Coding pack(String code, String display) {
        return new Coding(Coding.PACK, code, display);
    }
}
