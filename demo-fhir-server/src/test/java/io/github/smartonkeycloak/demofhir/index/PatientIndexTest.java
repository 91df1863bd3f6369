package io.github.smartonkeycloak.demofhir.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.param.TokenOrListParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.param.TokenParamModifier;
import io.github.smartonkeycloak.demofhir.data.OddPatients;
import io.github.smartonkeycloak.demofhir.data.Population;
import io.github.smartonkeycloak.demofhir.data.PopulationGenerator;
import io.github.smartonkeycloak.demofhir.data.ResourceStore;
import io.github.smartonkeycloak.demofhir.search.PatientQuery;
import io.github.smartonkeycloak.demofhir.search.PatientScan;
import io.github.smartonkeycloak.demofhir.security.AccessDecision;
import io.github.smartonkeycloak.demofhir.security.SearchDecisions;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The index gives the linear scan's answer: the same patients, in the same order, with the same total and the same
 * content, for thousands of generated queries over a generated population with some odd patients added, and for
 * tokens of every kind.
 */
class PatientIndexTest {

    private static final int PATIENTS = 3_000;
    private static final int QUERIES = 1_500;

    private static ResourceStore<Patient> patients;
    private static PatientIndex index;
    private static RandomPatientQueries queries;

    @BeforeAll
    static void indexAPopulation() {
        Population population = PopulationGenerator.generate(PATIENTS, 11, false);
        OddPatients.addTo(population);
        patients = population.patients();
        index = PatientIndex.of(patients);
        queries = new RandomPatientQueries(new Random(3), patients.all());
    }

    @Test
    void everyQueryGetsTheScansAnswerForAClinician() {
        AccessDecision clinician = SearchDecisions.search("user/*.rs", "Patient", null, false);
        int nonEmpty = 0;
        for (int i = 0; i < QUERIES; i++) {
            PatientQuery query = queries.next();
            nonEmpty += assertSameAnswer(query, clinician) > 0 ? 1 : 0;
        }
        // The queries are not trivial: most find someone, and not everyone.
        assertThat(nonEmpty).isGreaterThan(QUERIES / 2);
    }

    @Test
    void everyKindOfTokenGetsTheScansAnswer() {
        List<AccessDecision> decisions = List.of(
                SearchDecisions.search("system/*.rs", "Patient", null, true),
                SearchDecisions.search("patient/*.rs", "Patient", "p0042", false),
                SearchDecisions.search("patient/Patient.rs", "Patient", "odd-two-names", false),
                SearchDecisions.search("patient/Patient.rs", "Patient", "no-such-patient", false),
                SearchDecisions.search("patient/*.rs user/Patient.rs", "Patient", "p0042", false),
                SearchDecisions.search("patient/*.rs system/*.rs", "Patient", "amy-shaw", false));
        for (AccessDecision decision : decisions) {
            for (int i = 0; i < QUERIES / 5; i++) {
                assertSameAnswer(queries.next(), decision);
            }
            assertSameAnswer(RandomPatientQueries.EMPTY, decision);
        }
    }

    @Test
    void listingEveryoneIsTheWholePopulationInIdOrder() {
        AccessDecision clinician = SearchDecisions.search("user/*.rs", "Patient", null, false);

        assertThat(assertSameAnswer(RandomPatientQueries.EMPTY, clinician)).isEqualTo(PATIENTS + 5);
        IBundleProvider answer = index.search(RandomPatientQueries.EMPTY, clinician).orElseThrow();
        // Else HAPI counts the total by copying every patient (29 s for a list of a million).
        assertThat(answer.containsAllResources()).isFalse();
        // The first entries: upper case sorts first, then numbers, as String order has it.
        assertThat(ids(answer.getResources(0, 3))).containsExactly("Odd-upper-case-id", "amy-shaw", "ben-shaw");
        assertThat(ids(answer.getResources(1500, 1503)))
                .isEqualTo(ids(new ArrayList<>(PatientScan.search(patients, RandomPatientQueries.EMPTY, clinician))
                        .subList(1500, 1503)));
    }

    @Test
    void theAnswerTouchesOnlyThePageServed() {
        List<IBaseResource> million = new AbstractList<>() {
            @Override
            public IBaseResource get(int index) {
                assertThat(index).as("only the page is read").isBetween(20, 29);
                return new Patient().setId("p" + index);
            }

            @Override
            public int size() {
                return 1_000_000;
            }
        };

        IBundleProvider answer = IndexedPatients.bundle(million);

        assertThat(answer.size()).isEqualTo(1_000_000);
        assertThat(ids(answer.getResources(20, 30))).hasSize(10).startsWith("p20");
    }

    @Test
    void tokenModifiersAreLeftToTheScan() {
        TokenOrListParam notAmy = new TokenOrListParam().add(new TokenParam("amy-shaw").setModifier(TokenParamModifier.NOT));
        PatientQuery query = new PatientQuery(notAmy, null, null, null, null, null);

        assertThat(index.search(query, SearchDecisions.search("user/*.rs", "Patient", null, false))).isEmpty();
    }

    /** Asserts the index's answer equals the scan's; returns how many patients matched. */
    private static int assertSameAnswer(PatientQuery query, AccessDecision access) {
        List<Patient> scanned = PatientScan.search(patients, query, access);
        IBundleProvider indexed = index.search(query, access).orElseThrow(() -> new AssertionError("not indexed"));

        assertThat(indexed.size()).as("total of %s", RandomPatientQueries.describe(query)).isEqualTo(scanned.size());
        List<IBaseResource> found = indexed.getResources(0, scanned.size());
        assertThat(ids(found)).as("ids of %s", RandomPatientQueries.describe(query)).isEqualTo(ids(scanned));
        for (int i = 0; i < found.size(); i++) {
            assertThat(((Patient) found.get(i)).equalsDeep(scanned.get(i))).as("content").isTrue();
        }
        return scanned.size();
    }

    private static List<String> ids(List<? extends IBaseResource> resources) {
        return resources.stream().map(resource -> resource.getIdElement().getIdPart()).toList();
    }
}
