package io.github.smartonkeycloak.benchmarks;

import java.util.ArrayList;
import java.util.List;

/** Realistic scope strings: Inferno's default lists plus granular and broad scopes. */
final class ScopeCorpus {

    static final String[] TYPES = {"Medication", "AllergyIntolerance", "CarePlan", "CareTeam", "Condition", "Coverage",
            "Device", "DiagnosticReport", "DocumentReference", "Encounter", "Goal", "Immunization", "Location",
            "MedicationDispense", "MedicationRequest", "Observation", "Organization", "Patient", "Practitioner",
            "PractitionerRole", "Procedure", "Provenance", "QuestionnaireResponse", "RelatedPerson", "ServiceRequest",
            "Specimen"};

    private ScopeCorpus() {
    }

    /** A mix of v2, v1, wildcard and granular scopes, as apps send them. */
    static List<String> mixed() {
        List<String> scopes = new ArrayList<>();
        for (String type : TYPES) {
            scopes.add("patient/" + type + ".rs");
            scopes.add("user/" + type + ".read");
        }
        scopes.add("patient/*.rs");
        scopes.add("system/*.cruds");
        scopes.add("patient/Observation.rs?category=http://terminology.hl7.org/CodeSystem/observation-category|laboratory");
        scopes.add("patient/Condition.rs?category=http://hl7.org/fhir/us/core/CodeSystem/condition-category|health-concern");
        scopes.add("patient/Observation.rs?category=http%3A%2F%2Fterminology.hl7.org%2FCodeSystem%2Fobservation-category%7Cvital-signs");
        scopes.add("launch/patient");
        scopes.add("openid");
        scopes.add("fhirUser");
        return scopes;
    }
}
