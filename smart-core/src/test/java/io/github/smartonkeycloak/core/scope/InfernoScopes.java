package io.github.smartonkeycloak.core.scope;

import java.util.Arrays;
import java.util.List;

/** The scope lists Inferno requests by default (smart-inferno-checks.md §2.4), verbatim. */
final class InfernoScopes {

    static final String STANDALONE_SMART_2 = "launch/patient openid fhirUser offline_access patient/Medication.rs "
            + "patient/AllergyIntolerance.rs patient/CarePlan.rs patient/CareTeam.rs patient/Condition.rs patient/Coverage.rs "
            + "patient/Device.rs patient/DiagnosticReport.rs patient/DocumentReference.rs patient/Encounter.rs patient/Goal.rs "
            + "patient/Immunization.rs patient/Location.rs patient/MedicationDispense.rs patient/MedicationRequest.rs "
            + "patient/Observation.rs patient/Organization.rs patient/Patient.rs patient/Practitioner.rs "
            + "patient/PractitionerRole.rs patient/Procedure.rs patient/Provenance.rs patient/QuestionnaireResponse.rs "
            + "patient/RelatedPerson.rs patient/ServiceRequest.rs patient/Specimen.rs";

    static final String EHR_SMART_2 = "launch openid fhirUser offline_access user/Medication.rs user/AllergyIntolerance.rs "
            + "user/CarePlan.rs user/CareTeam.rs user/Condition.rs user/Coverage.rs user/Device.rs user/DiagnosticReport.rs "
            + "user/DocumentReference.rs user/Encounter.rs user/Goal.rs user/Immunization.rs user/Location.rs "
            + "user/MedicationDispense.rs user/MedicationRequest.rs user/Observation.rs user/Organization.rs user/Patient.rs "
            + "user/Practitioner.rs user/PractitionerRole.rs user/Procedure.rs user/Provenance.rs user/QuestionnaireResponse.rs "
            + "user/RelatedPerson.rs user/ServiceRequest.rs user/Specimen.rs";

    static final String STANDALONE_SMART_1 = STANDALONE_SMART_2.replace(".rs", ".read");
    static final String EHR_SMART_1 = EHR_SMART_2.replace(".rs", ".read");

    static final String V1_SCOPES_GROUP = "launch/patient openid fhirUser offline_access patient/Medication.read "
            + "patient/AllergyIntolerance.read patient/CarePlan.read patient/CareTeam.read patient/Condition.read "
            + "patient/Device.read patient/DiagnosticReport.read patient/DocumentReference.read patient/Encounter.read "
            + "patient/Goal.read patient/Immunization.read patient/Location.read patient/MedicationRequest.read "
            + "patient/Observation.read patient/Organization.read patient/Patient.read patient/Practitioner.read "
            + "patient/Procedure.read patient/Provenance.read patient/PractitionerRole.read patient/Specimen.read "
            + "patient/Coverage.read patient/MedicationDispense.read patient/ServiceRequest.read";

    static final String EHR_PATIENT_SCOPES = "launch openid fhirUser offline_access patient/Patient.rs";

    static final String GRANULAR_SELECTION = "launch/patient openid fhirUser offline_access patient/Condition.rs "
            + "patient/Observation.rs patient/Patient.rs";

    static final String GRANULAR_1 = "launch/patient openid fhirUser offline_access "
            + "patient/Condition.rs?category=http://terminology.hl7.org/CodeSystem/condition-category|encounter-diagnosis "
            + "patient/Condition.rs?category=http://hl7.org/fhir/us/core/CodeSystem/condition-category|health-concern "
            + "patient/Observation.rs?category=http://terminology.hl7.org/CodeSystem/observation-category|laboratory "
            + "patient/Observation.rs?category=http://terminology.hl7.org/CodeSystem/observation-category|social-history";

    static final String GRANULAR_2 = "launch/patient openid fhirUser offline_access "
            + "patient/Condition.rs?category=http://terminology.hl7.org/CodeSystem/condition-category|problem-list-item "
            + "patient/Observation.rs?category=http://terminology.hl7.org/CodeSystem/observation-category|vital-signs "
            + "patient/Observation.rs?category=http://terminology.hl7.org/CodeSystem/observation-category|survey "
            + "patient/Observation.rs?category=http://hl7.org/fhir/us/core/CodeSystem/us-core-category|sdoh";

    static final String SMART_KIT_STANDALONE = "launch/patient openid fhirUser offline_access patient/*.rs";
    static final String SMART_KIT_EHR = "launch openid fhirUser offline_access patient/*.rs";
    static final String SMART_KIT_EHR_STU1 = "launch openid fhirUser offline_access user/*.read";
    static final String BACKEND = "system/*.read";

    static final List<String> ALL_LISTS = List.of(STANDALONE_SMART_2, EHR_SMART_2, STANDALONE_SMART_1, EHR_SMART_1,
            V1_SCOPES_GROUP, EHR_PATIENT_SCOPES, GRANULAR_SELECTION, GRANULAR_1, GRANULAR_2, SMART_KIT_STANDALONE,
            SMART_KIT_EHR, SMART_KIT_EHR_STU1, BACKEND);

    private InfernoScopes() {
    }

    static List<String> split(String scopes) {
        return Arrays.asList(scopes.split(" "));
    }

    static List<ResourceScope> resourceScopes(String scopes) {
        return split(scopes).stream()
                .map(SmartScopeParser::parse)
                .filter(ResourceScope.class::isInstance)
                .map(ResourceScope.class::cast)
                .toList();
    }
}
