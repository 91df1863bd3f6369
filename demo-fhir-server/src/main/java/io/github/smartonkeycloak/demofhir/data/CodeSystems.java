package io.github.smartonkeycloak.demofhir.data;

/** The code and identifier systems the synthetic data uses. */
public final class CodeSystems {

    public static final String MRN = "http://example.org/fhir/mrn";
    public static final String NPI = "http://hl7.org/fhir/sid/us-npi";
    public static final String LOINC = "http://loinc.org";
    public static final String SNOMED = "http://snomed.info/sct";
    public static final String UCUM = "http://unitsofmeasure.org";
    public static final String OBSERVATION_CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category";
    public static final String CONDITION_CATEGORY = "http://terminology.hl7.org/CodeSystem/condition-category";
    public static final String US_CORE_CONDITION_CATEGORY = "http://hl7.org/fhir/us/core/CodeSystem/condition-category";
    public static final String CONDITION_CLINICAL = "http://terminology.hl7.org/CodeSystem/condition-clinical";
    public static final String CONDITION_VERIFICATION = "http://terminology.hl7.org/CodeSystem/condition-ver-status";
    public static final String ACT_CODE = "http://terminology.hl7.org/CodeSystem/v3-ActCode";
    public static final String ROLE_CODE = "http://terminology.hl7.org/CodeSystem/v3-RoleCode";
    public static final String IDENTIFIER_TYPE = "http://terminology.hl7.org/CodeSystem/v2-0203";

    private CodeSystems() {
    }
}
