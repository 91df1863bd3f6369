package io.github.smartonkeycloak.demofhir.resources;

import static io.github.smartonkeycloak.demofhir.resources.BundleIds.ids;
import static io.github.smartonkeycloak.demofhir.resources.BundleIds.resources;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Date;
import java.util.List;
import java.util.stream.Collectors;

import io.github.smartonkeycloak.demofhir.support.RunningDemo;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.RelatedPerson;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ClinicalSearchTest {

    private static final String OBSERVATION_CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category";
    private static final String CONDITION_CATEGORY = "http://terminology.hl7.org/CodeSystem/condition-category";
    private static final String US_CORE_CONDITION_CATEGORY = "http://hl7.org/fhir/us/core/CodeSystem/condition-category";

    private static RunningDemo demo;

    @BeforeAll
    static void start() {
        demo = RunningDemo.start(config -> config.patientCount(40));
    }

    @AfterAll
    static void stop() {
        demo.close();
    }

    @Test
    void encountersOfAPatientComeNewestFirst() {
        List<Encounter> encounters = resources(demo.http().search("Encounter?patient=amy-shaw"), Encounter.class);

        assertThat(encounters).hasSizeGreaterThanOrEqualTo(2);
        assertThat(encounters).allSatisfy(encounter -> {
            assertThat(encounter.getSubject().getReference()).isEqualTo("Patient/amy-shaw");
            assertThat(encounter.getStatus()).isEqualTo(Encounter.EncounterStatus.FINISHED);
        });
        List<Date> starts = encounters.stream().map(e -> e.getPeriod().getStart()).collect(Collectors.toList());
        assertThat(starts).isSortedAccordingTo((a, b) -> b.compareTo(a));
    }

    @Test
    void patientReferenceMayBeWrittenSeveralWays() {
        List<String> bare = ids(demo.http().search("Encounter?patient=ben-shaw"));

        assertThat(bare).isNotEmpty();
        assertThat(ids(demo.http().search("Encounter?patient=Patient/ben-shaw"))).isEqualTo(bare);
        assertThat(ids(demo.http().search("Encounter?subject=Patient/ben-shaw"))).isEqualTo(bare);
        assertThat(ids(demo.http().search("Encounter?subject=ben-shaw"))).isEqualTo(bare);
        assertThat(ids(demo.http().search("Encounter?patient=nobody"))).isEmpty();
    }

    @Test
    void observationsByPatientAndCategory() {
        for (String category : List.of("vital-signs", "laboratory", "social-history", "survey")) {
            List<Observation> observations = resources(
                    demo.http().search("Observation?patient=amy-shaw&category=" + category), Observation.class);

            assertThat(observations).as(category).isNotEmpty().allSatisfy(observation -> {
                assertThat(observation.getSubject().getReference()).isEqualTo("Patient/amy-shaw");
                assertThat(codes(observation.getCategory())).contains(OBSERVATION_CATEGORY + "|" + category);
                assertThat(observation.getEncounter().getReference()).startsWith("Encounter/");
                assertThat(observation.hasEffectiveDateTimeType()).isTrue();
                assertThat(observation.hasValue()).isTrue();
            });
        }
    }

    @Test
    void observationCategoryWithSystemAndCodeSearch() {
        List<String> labs = ids(demo.http().search(
                "Observation?subject=Patient/ben-shaw&category=" + OBSERVATION_CATEGORY + "%7Claboratory"));
        List<Observation> heartRates = resources(
                demo.http().search("Observation?patient=ben-shaw&code=http://loinc.org%7C8867-4"), Observation.class);

        assertThat(labs).isNotEmpty();
        assertThat(ids(demo.http().search("Observation?patient=ben-shaw&category=laboratory"))).isEqualTo(labs);
        assertThat(ids(demo.http().search("Observation?patient=ben-shaw&category=http://other.example%7Claboratory")))
                .isEmpty();
        assertThat(heartRates).isNotEmpty()
                .allSatisfy(o -> assertThat(codes(List.of(o.getCode()))).contains("http://loinc.org|8867-4"));
    }

    @Test
    void observationsOfAllCategoriesAddUp() {
        int all = demo.http().search("Observation?patient=amy-shaw&_count=100").getEntry().size();
        int byCategory = demo.http().search(
                "Observation?patient=amy-shaw&_count=100&category=vital-signs,laboratory,social-history,survey")
                .getEntry().size();

        assertThat(byCategory).isEqualTo(all);
    }

    @Test
    void conditionsByPatientAndCategory() {
        assertThat(conditionCategories("Condition?patient=ben-shaw&category=problem-list-item"))
                .containsOnly(CONDITION_CATEGORY + "|problem-list-item");
        assertThat(conditionCategories("Condition?patient=ben-shaw&category=" + CONDITION_CATEGORY
                + "%7Cencounter-diagnosis")).containsOnly(CONDITION_CATEGORY + "|encounter-diagnosis");
        assertThat(conditionCategories("Condition?subject=Patient/ben-shaw&category=" + US_CORE_CONDITION_CATEGORY
                + "%7Chealth-concern")).containsOnly(US_CORE_CONDITION_CATEGORY + "|health-concern");
    }

    @Test
    void encounterDiagnosesPointAtTheirEncounter() {
        List<Condition> diagnoses = resources(
                demo.http().search("Condition?patient=amy-shaw&category=encounter-diagnosis"), Condition.class);
        List<String> amysEncounters = ids(demo.http().search("Encounter?patient=amy-shaw")).stream()
                .map(id -> "Encounter/" + id).collect(Collectors.toList());

        assertThat(diagnoses).isNotEmpty()
                .allSatisfy(c -> assertThat(amysEncounters).contains(c.getEncounter().getReference()));
    }

    @Test
    void relatedPersonsOfAPatient() {
        List<RelatedPerson> proxies = resources(
                demo.http().search("RelatedPerson?patient=Patient/ben-shaw"), RelatedPerson.class);

        assertThat(proxies).extracting(p -> p.getIdElement().getIdPart()).containsExactly("amy-shaw-for-ben-shaw");
        assertThat(codes(proxies.get(0).getRelationship()))
                .contains("http://terminology.hl7.org/CodeSystem/v3-RoleCode|MTH");
        assertThat(ids(demo.http().search("RelatedPerson?patient=amy-shaw"))).isEmpty();
    }

    @Test
    void readsClinicalResourcesAndAnswers404ForUnknownOnes() {
        String encounterId = ids(demo.http().search("Encounter?patient=amy-shaw")).get(0);

        assertThat(demo.http().fetch("Encounter/" + encounterId, Encounter.class).getSubject().getReference())
                .isEqualTo("Patient/amy-shaw");
        assertThat(demo.http().fetch("Practitioner/dr-jones", Practitioner.class)
                .getNameFirstRep().getFamily()).isEqualTo("Jones");
        assertThat(demo.http().getWithToken("Encounter/nope").statusCode()).isEqualTo(404);
        assertThat(demo.http().getWithToken("Observation/nope").statusCode()).isEqualTo(404);
        assertThat(demo.http().getWithToken("Condition/nope").statusCode()).isEqualTo(404);
        assertThat(demo.http().getWithToken("RelatedPerson/nope").statusCode()).isEqualTo(404);
    }

    private static List<String> conditionCategories(String search) {
        List<Condition> conditions = resources(demo.http().search(search), Condition.class);
        assertThat(conditions).as(search).isNotEmpty()
                .allSatisfy(c -> assertThat(c.getSubject().getReference()).isEqualTo("Patient/ben-shaw"));
        return conditions.stream().flatMap(c -> codes(c.getCategory()).stream()).collect(Collectors.toList());
    }

    private static List<String> codes(List<CodeableConcept> concepts) {
        return concepts.stream()
                .flatMap(concept -> concept.getCoding().stream())
                .map((Coding coding) -> coding.getSystem() + "|" + coding.getCode())
                .collect(Collectors.toList());
    }
}
