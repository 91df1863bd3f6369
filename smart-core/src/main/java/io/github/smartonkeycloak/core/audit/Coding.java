package io.github.smartonkeycloak.core.audit;

/** A FHIR {@code Coding}: system, code and display. */
public record Coding(String system, String code, String display) {

    static final String DICOM = "http://dicom.nema.org/resources/ontology/DCM";
    static final String AUDIT_EVENT_TYPE = "http://terminology.hl7.org/CodeSystem/audit-event-type";
    static final String RESTFUL_INTERACTION = "http://hl7.org/fhir/restful-interaction";
    static final String BALP_AUTHZ = "https://profiles.ihe.net/ITI/BALP/CodeSystem/AuthZsubType";
    static final String IHE_EVENT_TYPE = "urn:ihe:event-type-code";
    /**
     * The pack's own subtypes, for events no BALP or IHE code names (launch created, consent withdrawn, token
     * revoked); the subtype binding is extensible, and each event also carries the nearest standard code.
     */
    public static final String PACK = "https://smartonkeycloak.github.io/fhir/CodeSystem/smart-audit-event";
}
