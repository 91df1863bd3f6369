package io.github.smartonkeycloak.demofhir.data;

import static io.github.smartonkeycloak.demofhir.data.CodeSystems.ACT_CODE;
import static io.github.smartonkeycloak.demofhir.data.CodeSystems.CONDITION_CATEGORY;
import static io.github.smartonkeycloak.demofhir.data.CodeSystems.CONDITION_CLINICAL;
import static io.github.smartonkeycloak.demofhir.data.CodeSystems.CONDITION_VERIFICATION;
import static io.github.smartonkeycloak.demofhir.data.CodeSystems.IDENTIFIER_TYPE;
import static io.github.smartonkeycloak.demofhir.data.CodeSystems.LOINC;
import static io.github.smartonkeycloak.demofhir.data.CodeSystems.OBSERVATION_CATEGORY;
import static io.github.smartonkeycloak.demofhir.data.CodeSystems.ROLE_CODE;
import static io.github.smartonkeycloak.demofhir.data.CodeSystems.SNOMED;
import static io.github.smartonkeycloak.demofhir.data.CodeSystems.US_CORE_CONDITION_CATEGORY;

import java.util.List;

/** The small terminology the generator draws from. */
final class Concepts {

    static final Concept MEDICAL_RECORD_NUMBER = new Concept(IDENTIFIER_TYPE, "MR", "Medical record number");
    static final Concept MOTHER = new Concept(ROLE_CODE, "MTH", "mother");

    static final Concept AMBULATORY = new Concept(ACT_CODE, "AMB", "ambulatory");
    static final Concept INPATIENT = new Concept(ACT_CODE, "IMP", "inpatient encounter");
    static final Concept CHECK_UP = new Concept(SNOMED, "185349003", "Encounter for check up");
    static final Concept HOSPITAL_ADMISSION = new Concept(SNOMED, "32485007", "Hospital admission");

    static final Concept VITAL_SIGNS = new Concept(OBSERVATION_CATEGORY, "vital-signs", "Vital Signs");
    static final Concept LABORATORY = new Concept(OBSERVATION_CATEGORY, "laboratory", "Laboratory");
    static final Concept SOCIAL_HISTORY = new Concept(OBSERVATION_CATEGORY, "social-history", "Social History");
    static final Concept SURVEY = new Concept(OBSERVATION_CATEGORY, "survey", "Survey");

    static final Concept HEART_RATE = new Concept(LOINC, "8867-4", "Heart rate");
    static final Concept BODY_WEIGHT = new Concept(LOINC, "29463-7", "Body weight");
    static final Concept GLUCOSE = new Concept(LOINC, "2339-0", "Glucose [Mass/volume] in Blood");
    static final Concept HEMOGLOBIN = new Concept(LOINC, "718-7", "Hemoglobin [Mass/volume] in Blood");
    static final Concept SMOKING_STATUS = new Concept(LOINC, "72166-2", "Tobacco smoking status");
    static final Concept PHQ2_SCORE = new Concept(LOINC, "55758-7",
            "Patient Health Questionnaire 2 item (PHQ-2) total score [Reported]");

    static final Concept NEVER_SMOKER = new Concept(SNOMED, "266919005", "Never smoker");
    static final List<Concept> ADULT_SMOKING_STATUSES = List.of(
            NEVER_SMOKER,
            new Concept(SNOMED, "8517006", "Former smoker"),
            new Concept(SNOMED, "449868002", "Current every day smoker"));

    static final Concept PROBLEM_LIST_ITEM = new Concept(CONDITION_CATEGORY, "problem-list-item", "Problem List Item");
    static final Concept ENCOUNTER_DIAGNOSIS = new Concept(CONDITION_CATEGORY, "encounter-diagnosis",
            "Encounter Diagnosis");
    static final Concept HEALTH_CONCERN = new Concept(US_CORE_CONDITION_CATEGORY, "health-concern", "Health Concern");

    static final Concept ACTIVE = new Concept(CONDITION_CLINICAL, "active", "Active");
    static final Concept RESOLVED = new Concept(CONDITION_CLINICAL, "resolved", "Resolved");
    static final Concept CONFIRMED = new Concept(CONDITION_VERIFICATION, "confirmed", "Confirmed");

    static final List<Concept> CHRONIC_PROBLEMS = List.of(
            new Concept(SNOMED, "38341003", "Hypertensive disorder"),
            new Concept(SNOMED, "44054006", "Diabetes mellitus type 2"),
            new Concept(SNOMED, "195967001", "Asthma"),
            new Concept(SNOMED, "55822004", "Hyperlipidemia"),
            new Concept(SNOMED, "35489007", "Depressive disorder"),
            new Concept(SNOMED, "40930008", "Hypothyroidism"));

    static final List<Concept> ACUTE_DIAGNOSES = List.of(
            new Concept(SNOMED, "54150009", "Upper respiratory infection"),
            new Concept(SNOMED, "10509002", "Acute bronchitis"),
            new Concept(SNOMED, "44465007", "Sprain of ankle"),
            new Concept(SNOMED, "65363002", "Otitis media"),
            new Concept(SNOMED, "36971009", "Sinusitis"),
            new Concept(SNOMED, "68566005", "Urinary tract infectious disease"));

    static final List<Concept> HEALTH_CONCERNS = List.of(
            new Concept(SNOMED, "73595000", "Stress"),
            new Concept(SNOMED, "414916001", "Obesity"),
            new Concept(SNOMED, "415510005", "Sedentary lifestyle"));

    private Concepts() {
    }
}
