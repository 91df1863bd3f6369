package io.github.smartonkeycloak.demofhir.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import io.github.smartonkeycloak.core.scope.GrantedScopes;
import io.github.smartonkeycloak.core.scope.Interaction;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.RelatedPerson;
import org.junit.jupiter.api.Test;

/** The decision logic without HTTP: scopes, launch patient and resource in, allowed or not out. */
class AccessDecisionTest {

    private static final String CATEGORIES = "http://terminology.hl7.org/CodeSystem/observation-category";

    @Test
    void patientCompartmentFollowsEachTypesPatientLink() {
        assertThat(PatientCompartment.contains(new Patient().setIdElement(id("Patient", "p1")), "p1")).isTrue();
        assertThat(PatientCompartment.contains(new Patient().setIdElement(id("Patient", "p2")), "p1")).isFalse();
        assertThat(PatientCompartment.contains(new Observation().setSubject(patient("p1")), "p1")).isTrue();
        assertThat(PatientCompartment.contains(new Observation().setSubject(patient("p2")), "p1")).isFalse();
        assertThat(PatientCompartment.contains(new Encounter().setSubject(patient("p1")), "p1")).isTrue();
        assertThat(PatientCompartment.contains(new Condition().setSubject(patient("p1")), "p1")).isTrue();
        assertThat(PatientCompartment.contains(new Condition().setSubject(new Reference("Group/p1")), "p1")).isFalse();
        assertThat(PatientCompartment.contains(new RelatedPerson().setPatient(patient("p1")), "p1")).isTrue();
        assertThat(PatientCompartment.contains(new RelatedPerson().setPatient(patient("p2")), "p1")).isFalse();
        assertThat(PatientCompartment.contains(new Practitioner(), "p1")).isTrue();
        // A type the server does not know the patient link of is kept out rather than let through.
        assertThat(PatientCompartment.contains(new Organization(), "p1")).isFalse();
    }

    @Test
    void userScopeNeedsNoPatientEvenBesidePatientScopes() {
        AccessDecision search = search("patient/*.rs user/Observation.rs", "Observation", Map.of(), null);

        assertThat(search.permitsNothing()).isFalse();
        assertThat(search.needsPatientInContext()).isFalse();
        assertThat(search.allows(observation("p2", "laboratory"))).isTrue();
        assertThat(search("patient/*.rs user/Observation.rs", "Condition", Map.of(), null).needsPatientInContext())
                .isTrue();
    }

    @Test
    void patientScopeSearchKeepsOnlyTheCompartment() {
        AccessDecision search = search("patient/Observation.rs", "Observation", Map.of(), "p1");

        assertThat(search.allows(observation("p1", "vital-signs"))).isTrue();
        assertThat(search.allows(observation("p2", "vital-signs"))).isFalse();
    }

    @Test
    void readOfAGranularScopeLooksAtTheResourcesCategories() {
        AccessDecision read = read("patient/Observation.rs?category=" + CATEGORIES + "|laboratory", "p1");

        assertThat(read.permitsNothing()).isFalse();
        assertThat(read.allows(observation("p1", "laboratory"))).isTrue();
        assertThat(read.allows(observation("p1", "vital-signs"))).isFalse();
        assertThat(read.allows(observation("p2", "laboratory"))).isFalse();
    }

    @Test
    void codeConstraintsAndBareCodesMatchAsTokenSearchesWould() {
        Observation heartRate = observation("p1", "vital-signs");
        heartRate.setCode(new CodeableConcept(new Coding("http://loinc.org", "8867-4", null)));

        assertThat(read("user/Observation.rs?code=http://loinc.org|8867-4", null).allows(heartRate)).isTrue();
        assertThat(read("user/Observation.rs?code=http://loinc.org|29463-7", null).allows(heartRate)).isFalse();
        assertThat(read("user/Observation.rs?category=vital-signs", null).allows(heartRate)).isTrue();
    }

    @Test
    void systemScopesCountOnlyInAServiceAccountsToken() {
        AccessDecision ofUser = search("system/*.rs", "Patient", Map.of(), null, false);
        assertThat(ofUser.permitsNothing()).isTrue();
        assertThat(ofUser.refusedForSystemScopesOfAUser()).isTrue();

        AccessDecision ofUserWithPatientScopes = search("patient/*.rs system/*.rs", "Observation", Map.of(), "p1",
                false);
        assertThat(ofUserWithPatientScopes.refusedForSystemScopesOfAUser()).isFalse();
        assertThat(ofUserWithPatientScopes.allows(observation("p1", "laboratory"))).isTrue();
        assertThat(ofUserWithPatientScopes.allows(observation("p2", "laboratory"))).isFalse();

        AccessDecision ofServiceAccount = search("system/*.rs", "Observation", Map.of(), null, true);
        assertThat(ofServiceAccount.refusedForSystemScopesOfAUser()).isFalse();
        assertThat(ofServiceAccount.allows(observation("p2", "laboratory"))).isTrue();
    }

    @Test
    void searchParametersKeepEveryOccurrence() {
        assertThat(AccessDecision.searchParameters(Map.of("category", new String[] {"a", "b,c"})))
                .containsEntry("category", List.of("a", "b,c"));
    }

    /** A user's search. */
    private static AccessDecision search(String scope, String type, Map<String, List<String>> parameters,
            String patient) {
        return search(scope, type, parameters, patient, false);
    }

    private static AccessDecision search(String scope, String type, Map<String, List<String>> parameters,
            String patient, boolean serviceAccount) {
        return new AccessDecision(GrantedScopes.parse(scope), type, Interaction.SEARCH, parameters, patient,
                serviceAccount);
    }

    /** A user's read. */
    private static AccessDecision read(String scope, String patient) {
        return new AccessDecision(GrantedScopes.parse(scope), "Observation", Interaction.READ, Map.of(), patient,
                false);
    }

    private static Observation observation(String patient, String category) {
        Observation observation = new Observation();
        observation.setSubject(patient(patient));
        observation.addCategory(new CodeableConcept(new Coding(CATEGORIES, category, null)));
        return observation;
    }

    private static Reference patient(String id) {
        return new Reference("Patient/" + id);
    }

    private static IdType id(String type, String id) {
        return new IdType(type, id);
    }
}
