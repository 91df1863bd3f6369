package io.github.smartonkeycloak.demofhir.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TimeZone;
import java.util.function.Function;
import java.util.stream.Collectors;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.RelatedPerson;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;

class PopulationGeneratorTest {

    private static final IParser JSON = FhirContext.forR4Cached().newJsonParser();

    @Test
    void sameSeedAndSizeGiveByteIdenticalData() {
        String first = serialize(PopulationGenerator.generate(60, 7));
        String second = serialize(PopulationGenerator.generate(60, 7));

        assertThat(second).isEqualTo(first);
    }

    @Test
    void dataDoesNotDependOnTheJvmTimeZone() {
        TimeZone original = TimeZone.getDefault();
        try {
            TimeZone.setDefault(TimeZone.getTimeZone("Pacific/Kiritimati"));
            String farEast = serialize(PopulationGenerator.generate(20, 3));
            TimeZone.setDefault(TimeZone.getTimeZone("Pacific/Pago_Pago"));
            String farWest = serialize(PopulationGenerator.generate(20, 3));

            assertThat(farWest).isEqualTo(farEast);
        } finally {
            TimeZone.setDefault(original);
        }
    }

    @Test
    void differentSeedsGiveDifferentData() {
        Population one = PopulationGenerator.generate(60, 7);
        Population other = PopulationGenerator.generate(60, 8);

        assertThat(serialize(other)).isNotEqualTo(serialize(one));
        assertThat(names(other.patients().all())).isNotEqualTo(names(one.patients().all()));
    }

    @Test
    void patientCountIncludesTheDemoPatients() {
        Population population = PopulationGenerator.generate(25, 1);

        List<String> ids = ids(population.patients().all());
        assertThat(ids).hasSize(25).doesNotHaveDuplicates();
        assertThat(ids).contains(DemoRecords.AMY_ID, DemoRecords.BEN_ID, "p0001", "p0023").doesNotContain("p0024");
    }

    @Test
    void withoutClinicalDataOnlyTheDemoPatientsHaveRecords() {
        Population population = PopulationGenerator.generate(50, 1, false);

        assertThat(population.patients().size()).isEqualTo(50);
        assertThat(population.encounters().all()).isNotEmpty().allSatisfy(encounter -> assertThat(
                encounter.getSubject().getReference()).isIn("Patient/" + DemoRecords.AMY_ID, "Patient/" + DemoRecords.BEN_ID));
        assertThat(population.resourceCount()).isLessThan(PopulationGenerator.generate(50, 1).resourceCount());
    }

    @Test
    void smallestPopulationIsTheTwoDemoPatients() {
        assertThat(ids(PopulationGenerator.generate(2, 1).patients().all()))
                .containsExactly(DemoRecords.AMY_ID, DemoRecords.BEN_ID);
        assertThatThrownBy(() -> PopulationGenerator.generate(1, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void amyAndBenAreThereWithTheirFixedDemographics() {
        Population population = PopulationGenerator.generate(10, 99);

        Patient amy = population.patients().read("amy-shaw").orElseThrow();
        assertThat(amy.getNameFirstRep().getGivenAsSingleString()).isEqualTo("Amy");
        assertThat(amy.getNameFirstRep().getFamily()).isEqualTo("Shaw");
        assertThat(amy.getGender().toCode()).isEqualTo("female");
        assertThat(amy.getBirthDateElement().getValueAsString()).isEqualTo("1985-03-14");

        Patient ben = population.patients().read("ben-shaw").orElseThrow();
        assertThat(ben.getNameFirstRep().getText()).isEqualTo("Ben Shaw");
        assertThat(ben.getGender().toCode()).isEqualTo("male");
        assertThat(ben.getBirthDateElement().getValueAsString()).isEqualTo("2015-07-02");
    }

    @Test
    void amyIsBensProxyAsHisMother() {
        Population population = PopulationGenerator.generate(10, 99);

        RelatedPerson proxy = population.relatedPersons().read("amy-shaw-for-ben-shaw").orElseThrow();
        assertThat(proxy.getPatient().getReference()).isEqualTo("Patient/ben-shaw");
        assertThat(proxy.getRelationshipFirstRep().getCoding())
                .anySatisfy(coding -> {
                    assertThat(coding.getSystem()).isEqualTo("http://terminology.hl7.org/CodeSystem/v3-RoleCode");
                    assertThat(coding.getCode()).isEqualTo("MTH");
                });
        assertThat(proxy.getNameFirstRep().getText()).isEqualTo("Amy Shaw");
        Patient amy = population.patients().read("amy-shaw").orElseThrow();
        assertThat(amy.getLink()).extracting(link -> link.getOther().getReference())
                .containsExactly("RelatedPerson/amy-shaw-for-ben-shaw");
    }

    @Test
    void drJonesAndGeneratedPractitionersExist() {
        Population population = PopulationGenerator.generate(10, 99);

        Practitioner jones = population.practitioners().read("dr-jones").orElseThrow();
        assertThat(jones.getNameFirstRep().getGivenAsSingleString()).isEqualTo("Dana");
        assertThat(jones.getNameFirstRep().getFamily()).isEqualTo("Jones");
        assertThat(population.practitioners().size()).isBetween(4, 12);
    }

    @Test
    void everyPatientHasAUniqueMrn() {
        Population population = PopulationGenerator.generate(120, 5);

        Set<String> mrns = new HashSet<>();
        for (Patient patient : population.patients().all()) {
            List<String> values = patient.getIdentifier().stream()
                    .filter(identifier -> CodeSystems.MRN.equals(identifier.getSystem()))
                    .map(Identifier::getValue)
                    .collect(Collectors.toList());
            assertThat(values).as(patient.getId()).hasSize(1);
            assertThat(values.get(0)).matches("MRN-\\d{6}");
            mrns.add(values.get(0));
        }
        assertThat(mrns).hasSize(120);
    }

    @Test
    void demoPatientsHaveEveryCategoryAndSeveralEncounters() {
        Population population = PopulationGenerator.generate(10, 1234);

        for (String patientId : List.of("amy-shaw", "ben-shaw")) {
            String subject = "Patient/" + patientId;
            assertThat(population.encounters().search(e -> subject.equals(e.getSubject().getReference()), (a, b) -> 0))
                    .as(patientId).hasSizeGreaterThanOrEqualTo(2);
            List<Observation> observations = population.observations()
                    .search(o -> subject.equals(o.getSubject().getReference()), (a, b) -> 0);
            assertThat(codes(observations, Observation::getCategory)).as(patientId)
                    .contains(CodeSystems.OBSERVATION_CATEGORY + "|vital-signs",
                            CodeSystems.OBSERVATION_CATEGORY + "|laboratory",
                            CodeSystems.OBSERVATION_CATEGORY + "|social-history",
                            CodeSystems.OBSERVATION_CATEGORY + "|survey");
            List<Condition> conditions = population.conditions()
                    .search(c -> subject.equals(c.getSubject().getReference()), (a, b) -> 0);
            assertThat(codes(conditions, Condition::getCategory)).as(patientId)
                    .contains(CodeSystems.CONDITION_CATEGORY + "|problem-list-item",
                            CodeSystems.CONDITION_CATEGORY + "|encounter-diagnosis",
                            CodeSystems.US_CORE_CONDITION_CATEGORY + "|health-concern");
        }
    }

    @Test
    void generatedPatientsHaveOneToFiveEncounters() {
        Population population = PopulationGenerator.generate(200, 11);

        Map<String, Long> encountersPerPatient = population.encounters().all().stream()
                .collect(Collectors.groupingBy(e -> e.getSubject().getReference(), Collectors.counting()));
        assertThat(encountersPerPatient).hasSize(200);
        assertThat(encountersPerPatient.values()).allSatisfy(count -> assertThat(count).isBetween(1L, 5L));
        assertThat(Set.copyOf(encountersPerPatient.values())).as("the counts vary").hasSizeGreaterThan(2);
    }

    @Test
    void referencesPointAtExistingResourcesAndDatesAreBetweenBirthAndReferenceDate() {
        Population population = PopulationGenerator.generate(80, 21);
        Map<String, Patient> patients = byReference(population.patients().all());
        Map<String, Practitioner> practitioners = byReference(population.practitioners().all());
        Map<String, Encounter> encounters = byReference(population.encounters().all());

        for (Encounter encounter : encounters.values()) {
            Patient patient = patients.get(encounter.getSubject().getReference());
            assertThat(patient).as(encounter.getId()).isNotNull();
            assertThat(practitioners).containsKey(encounter.getParticipantFirstRep().getIndividual().getReference());
            assertThat(encounter.getStatus()).isEqualTo(Encounter.EncounterStatus.FINISHED);
            assertThat(encounter.getClass_().getCode()).isIn("AMB", "IMP");
            LocalDate start = LocalDate.parse(encounter.getPeriod().getStartElement().getValueAsString().substring(0, 10));
            LocalDate birth = LocalDate.parse(patient.getBirthDateElement().getValueAsString());
            assertThat(start).isAfter(birth).isBefore(LocalDate.of(2026, 1, 1));
            assertThat(encounter.getPeriod().getEnd()).isAfter(encounter.getPeriod().getStart());
        }
        for (Observation observation : population.observations().all()) {
            Encounter encounter = encounters.get(observation.getEncounter().getReference());
            assertThat(encounter).as(observation.getId()).isNotNull();
            assertThat(encounter.getSubject().getReference()).isEqualTo(observation.getSubject().getReference());
            assertThat(observation.hasValue()).isTrue();
            assertThat(observation.getEffectiveDateTimeType().getValueAsString())
                    .isEqualTo(encounter.getPeriod().getStartElement().getValueAsString());
        }
        for (Condition condition : population.conditions().all()) {
            assertThat(patients).containsKey(condition.getSubject().getReference());
            if (condition.hasEncounter()) {
                assertThat(encounters).containsKey(condition.getEncounter().getReference());
            }
        }
    }

    private static String serialize(Population population) {
        StringBuilder all = new StringBuilder();
        for (ResourceStore<?> store : population.stores()) {
            for (Resource resource : store.all()) {
                all.append(JSON.encodeResourceToString(resource)).append('\n');
            }
        }
        return all.toString();
    }

    private static <T extends Resource> Map<String, T> byReference(List<T> resources) {
        return resources.stream().collect(Collectors.toMap(
                resource -> resource.fhirType() + "/" + resource.getIdElement().getIdPart(), Function.identity()));
    }

    private static List<String> ids(List<? extends Resource> resources) {
        return resources.stream().map(resource -> resource.getIdElement().getIdPart()).collect(Collectors.toList());
    }

    private static List<String> names(List<Patient> patients) {
        return patients.stream().map(patient -> patient.getNameFirstRep().getText()).collect(Collectors.toList());
    }

    private static <T> Set<String> codes(List<T> resources, Function<T, List<CodeableConcept>> concepts) {
        Set<String> codes = new HashSet<>();
        for (T resource : resources) {
            for (CodeableConcept concept : concepts.apply(resource)) {
                for (Coding coding : concept.getCoding()) {
                    codes.add(coding.getSystem() + "|" + coding.getCode());
                }
            }
        }
        return codes;
    }
}
