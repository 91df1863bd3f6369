package io.github.smartonkeycloak.core.scope;

import java.util.Collection;
import java.util.Set;

import io.github.smartonkeycloak.core.text.SpaceOrCommaList;

/** The resource types a FHIR server supports; a well-formed scope for any other type is dropped, not an error. */
public final class ResourceTypes {

    /** Every resource type of FHIR R4 (4.0.1). */
    public static final Set<String> R4 = Set.of(
            "Account", "ActivityDefinition", "AdverseEvent", "AllergyIntolerance", "Appointment", "AppointmentResponse",
            "AuditEvent", "Basic", "Binary", "BiologicallyDerivedProduct", "BodyStructure", "Bundle",
            "CapabilityStatement", "CarePlan", "CareTeam", "CatalogEntry", "ChargeItem", "ChargeItemDefinition", "Claim",
            "ClaimResponse", "ClinicalImpression", "CodeSystem", "Communication", "CommunicationRequest",
            "CompartmentDefinition", "Composition", "ConceptMap", "Condition", "Consent", "Contract", "Coverage",
            "CoverageEligibilityRequest", "CoverageEligibilityResponse", "DetectedIssue", "Device", "DeviceDefinition",
            "DeviceMetric", "DeviceRequest", "DeviceUseStatement", "DiagnosticReport", "DocumentManifest",
            "DocumentReference", "EffectEvidenceSynthesis", "Encounter", "Endpoint", "EnrollmentRequest",
            "EnrollmentResponse", "EpisodeOfCare", "EventDefinition", "Evidence", "EvidenceVariable", "ExampleScenario",
            "ExplanationOfBenefit", "FamilyMemberHistory", "Flag", "Goal", "GraphDefinition", "Group",
            "GuidanceResponse", "HealthcareService", "ImagingStudy", "Immunization", "ImmunizationEvaluation",
            "ImmunizationRecommendation", "ImplementationGuide", "InsurancePlan", "Invoice", "Library", "Linkage", "List",
            "Location", "Measure", "MeasureReport", "Media", "Medication", "MedicationAdministration",
            "MedicationDispense", "MedicationKnowledge", "MedicationRequest", "MedicationStatement", "MedicinalProduct",
            "MedicinalProductAuthorization", "MedicinalProductContraindication", "MedicinalProductIndication",
            "MedicinalProductIngredient", "MedicinalProductInteraction", "MedicinalProductManufactured",
            "MedicinalProductPackaged", "MedicinalProductPharmaceutical", "MedicinalProductUndesirableEffect",
            "MessageDefinition", "MessageHeader", "MolecularSequence", "NamingSystem", "NutritionOrder", "Observation",
            "ObservationDefinition", "OperationDefinition", "OperationOutcome", "Organization", "OrganizationAffiliation",
            "Parameters", "Patient", "PaymentNotice", "PaymentReconciliation", "Person", "PlanDefinition",
            "Practitioner", "PractitionerRole", "Procedure", "Provenance", "Questionnaire", "QuestionnaireResponse",
            "RelatedPerson", "RequestGroup", "ResearchDefinition", "ResearchElementDefinition", "ResearchStudy",
            "ResearchSubject", "RiskAssessment", "RiskEvidenceSynthesis", "Schedule", "SearchParameter", "ServiceRequest",
            "Slot", "Specimen", "SpecimenDefinition", "StructureDefinition", "StructureMap", "Subscription", "Substance",
            "SubstanceNucleicAcid", "SubstancePolymer", "SubstanceProtein", "SubstanceReferenceInformation",
            "SubstanceSourceMaterial", "SubstanceSpecification", "SupplyDelivery", "SupplyRequest", "Task",
            "TerminologyCapabilities", "TestReport", "TestScript", "ValueSet", "VerificationResult",
            "VisionPrescription");

    private static final ResourceTypes ALL_R4 = new ResourceTypes(R4);

    private final Set<String> types;

    private ResourceTypes(Set<String> types) {
        this.types = types;
    }

    public static ResourceTypes r4() {
        return ALL_R4;
    }

    public static ResourceTypes of(Collection<String> types) {
        return new ResourceTypes(Set.copyOf(types));
    }

    /** A list such as {@code "Patient Observation, Condition"}; blank means all of R4. */
    public static ResourceTypes parse(String list) {
        if (list == null || list.isBlank()) {
            return ALL_R4;
        }
        return of(SpaceOrCommaList.split(list));
    }

    /** {@code *} is always supported: it means whatever the server has. */
    public boolean supports(String resourceType) {
        return ResourceScope.ANY_TYPE.equals(resourceType) || types.contains(resourceType);
    }

    public Set<String> asSet() {
        return types;
    }
}
