package io.github.smartonkeycloak.core.consent.record;

/** The code systems, codes and extension URLs of a SMART grant's Consent (docs/adr/0005). */
final class ConsentCodes {

    static final String CONSENT_SCOPE = "http://terminology.hl7.org/CodeSystem/consentscope";
    static final String PATIENT_PRIVACY = "patient-privacy";
    static final String LOINC = "http://loinc.org";
    static final String PATIENT_CONSENT = "59284-0";
    static final String ACT_CODE = "http://terminology.hl7.org/CodeSystem/v3-ActCode";
    static final String OPT_IN = "OPTIN";
    static final String PARTICIPATION_TYPE = "http://terminology.hl7.org/CodeSystem/v3-ParticipationType";
    static final String INFORMATION_RECIPIENT = "IRCP";
    static final String RESOURCE_TYPES = "http://hl7.org/fhir/resource-types";
    static final String CONSENT_ACTION = "http://terminology.hl7.org/CodeSystem/consentaction";
    static final String ACCESS = "access";
    static final String CORRECT = "correct";

    /** The pack's own extensions; the host is the project's (groupId io.github.smartonkeycloak). */
    static final String EXTENSION_BASE = "https://smartonkeycloak.github.io/fhir/StructureDefinition/";
    /** One exact granted scope string (repeats): resource scopes on their nested provision, others on the root one. */
    static final String GRANTED_SCOPE = EXTENSION_BASE + "smart-granted-scope";
    /** Whether the grant includes offline access, on the root provision. */
    static final String OFFLINE_ACCESS = EXTENSION_BASE + "smart-offline-access";

    static final String ACTIVE = "active";
    static final String INACTIVE = "inactive";
    static final String ENTERED_IN_ERROR = "entered-in-error";

    private ConsentCodes() {
    }
}
