package io.github.smartonkeycloak.demofhir.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import io.github.smartonkeycloak.demofhir.data.DemoRecords;
import io.github.smartonkeycloak.demofhir.data.Population;
import io.github.smartonkeycloak.demofhir.data.PopulationGenerator;
import io.github.smartonkeycloak.demofhir.support.FhirHttp;
import io.github.smartonkeycloak.demofhir.support.RunningDemo;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The SMART scopes of the access token decide what a read or search may return, over HTTP as a client sees it. */
class ScopeEnforcementTest {

    private static final int PATIENTS = 30;
    private static final long SEED = 11;
    private static final String AMY = DemoRecords.AMY_ID;
    private static final String BEN = DemoRecords.BEN_ID;
    private static final String CATEGORIES = "http://terminology.hl7.org/CodeSystem/observation-category";
    private static final String LABORATORY = CATEGORIES + "|laboratory";
    private static final String VITAL_SIGNS = CATEGORIES + "|vital-signs";

    private static RunningDemo demo;
    /** The same population the server holds, to tell what each answer must contain. */
    private static Population expected;

    @BeforeAll
    static void start() {
        demo = RunningDemo.start(config -> config.patientCount(PATIENTS).seed(SEED));
        expected = PopulationGenerator.generate(PATIENTS, SEED);
        demo.keycloak()
                .grant("amy", "openid launch/patient patient/*.rs", AMY)
                .grant("no-patient", "openid patient/*.rs", null)
                .grant("user", "openid fhirUser user/*.rs", null)
                .grant("no-resource-scopes", "openid fhirUser launch/patient", AMY)
                .grant("amy-observations", "patient/Observation.rs", AMY)
                .grant("amy-observations-read", "patient/Observation.r", AMY)
                .grant("amy-observations-search", "patient/Observation.s", AMY)
                .grant("amy-observations-v1", "patient/Observation.read", AMY)
                .grant("amy-labs", "patient/Observation.rs?category=" + LABORATORY, AMY)
                .grant("amy-refreshed", "openid launch/patient patient/*.rs", AMY)
                .grant("amy-in-another-app", "openid launch/patient patient/*.rs", AMY, "user-1", "another-app")
                .grant("ben", "openid launch/patient patient/*.rs", BEN, "user-2", "x")
                .grant("user-with-system", "openid system/*.rs", null)
                .grant("amy-with-system", "openid launch/patient patient/*.rs system/*.rs", AMY);
    }

    @AfterAll
    static void stop() {
        demo.close();
    }

    @Test
    void patientScopeSearchesFindOnlyThatPatientsRecordsWithTheirTotal() {
        FhirHttp amy = as("amy");

        Bundle patients = amy.search("Patient?_count=100");
        assertThat(patients.getTotal()).isEqualTo(1);
        assertThat(ids(patients)).containsExactly(AMY);

        for (String type : List.of("Observation", "Condition", "Encounter")) {
            Bundle found = amy.search(type + "?_count=100");
            assertThat(found.getTotal()).as(type).isEqualTo(idsOf(type, AMY).size()).isPositive();
            assertThat(ids(found)).as(type).hasSize(Math.min(100, idsOf(type, AMY).size()))
                    .allSatisfy(id -> assertThat(idsOf(type, AMY)).contains(id));
        }
        assertThat(amy.search("Observation?patient=" + BEN).getTotal()).isZero();
        assertThat(amy.search("Patient?name=shaw").getEntry()).extracting(e -> e.getResource().getIdElement()
                .getIdPart()).containsExactly(AMY);
    }

    @Test
    void patientScopeReadsOwnRecordsAndSharedOnesButNotAnotherPatients() {
        FhirHttp amy = as("amy");

        assertThat(amy.getWithToken("Patient/" + AMY).statusCode()).isEqualTo(200);
        assertThat(amy.getWithToken("Observation/" + idsOf("Observation", AMY).get(0)).statusCode()).isEqualTo(200);
        assertThat(amy.getWithToken("Condition/" + idsOf("Condition", AMY).get(0)).statusCode()).isEqualTo(200);
        assertThat(amy.getWithToken("Practitioner/" + DemoRecords.DR_JONES_ID).statusCode()).isEqualTo(200);

        assertNotFoundLikeAMissingOne(amy, "Patient/" + BEN);
        assertNotFoundLikeAMissingOne(amy, "Observation/" + idsOf("Observation", BEN).get(0));
        assertNotFoundLikeAMissingOne(amy, "Encounter/" + idsOf("Encounter", BEN).get(0));
        // Amy as Ben's proxy is in Ben's compartment, not hers.
        assertNotFoundLikeAMissingOne(amy, "RelatedPerson/" + DemoRecords.AMY_FOR_BEN_ID);
    }

    @Test
    void systemScopesOfASignedInUserReachNothing() {
        assertForbidden(as("user-with-system").getWithToken("Patient"), "belongs to a signed-in user");
        assertForbidden(as("user-with-system").getWithToken("Observation/" + idsOf("Observation", BEN).get(0)),
                "belongs to a signed-in user");

        FhirHttp amy = as("amy-with-system");
        assertThat(amy.search("Observation?_count=1").getTotal()).isEqualTo(idsOf("Observation", AMY).size());
        assertNotFoundLikeAMissingOne(amy, "Observation/" + idsOf("Observation", BEN).get(0));
    }

    @Test
    void aNextLinkServesOnlyTheTokenThatSearched() {
        String next = as("amy").search("Observation?_count=1").getLink(Bundle.LINK_NEXT).getUrl();

        for (String other : List.of("ben", "amy-in-another-app", "amy-observations", "amy-with-system")) {
            HttpResponse<String> response = as(other).getWithToken(next);
            assertForbidden(response, "belongs to a search made with another access token");
            assertThat(response.body()).as(other).doesNotContain(AMY);
        }
        assertForbidden(demo.http().getWithToken(next), "belongs to a search made with another access token");

        Bundle second = as("amy").search(next);
        assertThat(ids(second)).singleElement().satisfies(id -> assertThat(idsOf("Observation", AMY)).contains(id));
        assertThat(as("amy-refreshed").search(second.getLink(Bundle.LINK_NEXT).getUrl()).getEntry()).hasSize(1);
    }

    @Test
    void patientScopeWithoutAPatientInContextIsRefused() {
        FhirHttp noPatient = as("no-patient");

        assertForbidden(noPatient.getWithToken("Observation"), "need a patient in context");
        assertForbidden(noPatient.getWithToken("Patient/" + AMY), "need a patient in context");
    }

    @Test
    void userAndSystemScopesSeeEveryone() {
        for (FhirHttp client : List.of(as("user"), demo.http())) {
            assertThat(client.search("Patient?_count=1").getTotal()).isEqualTo(PATIENTS);
            assertThat(client.search("Observation?_count=1").getTotal()).isEqualTo(expected.observations().size());
            assertThat(client.getWithToken("Observation/" + idsOf("Observation", BEN).get(0)).statusCode())
                    .isEqualTo(200);
        }
    }

    @Test
    void withoutResourceScopesDataIsRefusedButMetadataIsOpen() {
        FhirHttp none = as("no-resource-scopes");

        assertForbidden(none.getWithToken("Patient"), "do not allow search on Patient");
        assertForbidden(none.getWithToken("Patient/" + AMY), "do not allow read on Patient");
        assertThat(none.getWithToken("metadata").statusCode()).isEqualTo(200);
    }

    @Test
    void scopeForAnotherTypeGrantsNothingHere() {
        FhirHttp observationsOnly = as("amy-observations");

        assertThat(observationsOnly.getWithToken("Observation").statusCode()).isEqualTo(200);
        assertForbidden(observationsOnly.getWithToken("Condition"), "do not allow search on Condition");
        assertForbidden(observationsOnly.getWithToken("Condition/" + idsOf("Condition", AMY).get(0)),
                "do not allow read on Condition");
        assertForbidden(observationsOnly.getWithToken("Patient/" + AMY), "do not allow read on Patient");
    }

    @Test
    void readAndSearchArePermittedSeparately() {
        String own = "Observation/" + idsOf("Observation", AMY).get(0);

        assertThat(as("amy-observations-read").getWithToken(own).statusCode()).isEqualTo(200);
        assertForbidden(as("amy-observations-read").getWithToken("Observation"), "do not allow search on Observation");

        assertThat(as("amy-observations-search").getWithToken("Observation").statusCode()).isEqualTo(200);
        assertForbidden(as("amy-observations-search").getWithToken(own), "do not allow read on Observation");
    }

    @Test
    void v1ReadScopeWorksLikeReadAndSearch() {
        FhirHttp v1 = as("amy-observations-v1");

        assertThat(v1.getWithToken("Observation/" + idsOf("Observation", AMY).get(0)).statusCode()).isEqualTo(200);
        assertThat(v1.search("Observation?_count=1").getTotal()).isEqualTo(idsOf("Observation", AMY).size());
        assertNotFoundLikeAMissingOne(v1, "Observation/" + idsOf("Observation", BEN).get(0));
        assertForbidden(v1.getWithToken("Condition"), "do not allow search on Condition");
    }

    @Test
    void granularScopeNeedsSearchesPinnedToItsCategory() {
        FhirHttp labs = as("amy-labs");
        List<String> amysLabs = observationsOf(AMY, LABORATORY);

        Bundle found = labs.search("Observation?_count=100&category=" + CATEGORIES + "%7Claboratory");
        assertThat(found.getTotal()).isEqualTo(amysLabs.size()).isPositive();
        assertThat(ids(found)).containsExactlyInAnyOrderElementsOf(amysLabs);

        assertForbidden(labs.getWithToken("Observation"), "do not allow search on Observation");
        assertForbidden(labs.getWithToken("Observation?category=laboratory"), "do not allow search on Observation");
        assertForbidden(labs.getWithToken("Observation?category=" + CATEGORIES + "%7Claboratory," + CATEGORIES
                + "%7Cvital-signs"), "do not allow search on Observation");
    }

    @Test
    void granularScopeReadsOnlyResourcesInItsCategory() {
        FhirHttp labs = as("amy-labs");

        assertThat(labs.getWithToken("Observation/" + observationsOf(AMY, LABORATORY).get(0)).statusCode())
                .isEqualTo(200);
        assertNotFoundLikeAMissingOne(labs, "Observation/" + observationsOf(AMY, VITAL_SIGNS).get(0));
        assertNotFoundLikeAMissingOne(labs, "Observation/" + observationsOf(BEN, LABORATORY).get(0));
    }

    @Test
    void pagingWithAPatientScopeWalksOnlyThatPatientsResults() {
        FhirHttp amy = as("amy");
        List<String> seen = new ArrayList<>();
        Bundle page = amy.search("Observation?_count=5");
        assertThat(page.getTotal()).isEqualTo(idsOf("Observation", AMY).size()).isGreaterThan(5);
        while (true) {
            seen.addAll(ids(page));
            Bundle.BundleLinkComponent next = page.getLink(Bundle.LINK_NEXT);
            if (next == null) {
                break;
            }
            page = amy.search(next.getUrl());
        }

        assertThat(seen).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(idsOf("Observation", AMY));
    }

    @Test
    void refusalsSayWhatIsMissingWithoutTokenOrPatientData() {
        HttpResponse<String> response = as("amy-observations").getWithToken("Condition?patient=" + AMY);

        OperationOutcome outcome = assertForbidden(response, "do not allow search on Condition");
        assertThat(outcome.getIssueFirstRep().getDiagnostics())
                .isEqualTo("The access token's scopes do not allow search on Condition");
        assertThat(response.body()).doesNotContain(AMY).doesNotContain("amy-observations");
    }

    private static FhirHttp as(String token) {
        return demo.http().withToken(token);
    }

    /** A read of an existing resource the token may not see answers exactly as a read of a missing id. */
    private static void assertNotFoundLikeAMissingOne(FhirHttp client, String reference) {
        String type = reference.substring(0, reference.indexOf('/'));
        HttpResponse<String> missing = client.getWithToken(type + "/no-such-id");
        HttpResponse<String> hidden = client.getWithToken(reference);

        assertThat(missing.statusCode()).as(missing.body()).isEqualTo(404);
        assertThat(hidden.statusCode()).as(hidden.body()).isEqualTo(404);
        assertThat(hidden.body().replace(reference, type + "/no-such-id")).isEqualTo(missing.body());
        assertThat(hidden.headers().firstValue("Content-Type")).isEqualTo(missing.headers().firstValue("Content-Type"));
    }

    private static OperationOutcome assertForbidden(HttpResponse<String> response, String diagnostics) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(403);
        OperationOutcome outcome = FhirHttp.parse(response.body(), OperationOutcome.class);
        assertThat(outcome.getIssue()).singleElement().satisfies(issue -> {
            assertThat(issue.getSeverity()).isEqualTo(OperationOutcome.IssueSeverity.ERROR);
            assertThat(issue.getCode()).isEqualTo(OperationOutcome.IssueType.FORBIDDEN);
            assertThat(issue.getDiagnostics()).contains(diagnostics);
        });
        return outcome;
    }

    private static List<String> ids(Bundle bundle) {
        return bundle.getEntry().stream().map(entry -> entry.getResource().getIdElement().getIdPart())
                .collect(Collectors.toList());
    }

    /** The ids of a patient's resources of one type, in the expected population. */
    private static List<String> idsOf(String type, String patient) {
        List<? extends Resource> all = switch (type) {
            case "Observation" -> expected.observations().all();
            case "Condition" -> expected.conditions().all();
            case "Encounter" -> expected.encounters().all();
            default -> throw new IllegalArgumentException(type);
        };
        return all.stream().filter(resource -> subject(resource).getReference().equals("Patient/" + patient))
                .map(resource -> resource.getIdElement().getIdPart())
                .collect(Collectors.toList());
    }

    private static Reference subject(Resource resource) {
        if (resource instanceof Observation observation) {
            return observation.getSubject();
        }
        if (resource instanceof Condition condition) {
            return condition.getSubject();
        }
        return ((Encounter) resource).getSubject();
    }

    private static List<String> observationsOf(String patient, String category) {
        return expected.observations().all().stream()
                .filter(o -> o.getSubject().getReference().equals("Patient/" + patient))
                .filter(o -> o.getCategory().stream().flatMap(c -> c.getCoding().stream())
                        .anyMatch(coding -> category.equals(coding.getSystem() + "|" + coding.getCode())))
                .map(o -> o.getIdElement().getIdPart())
                .collect(Collectors.toList());
    }
}
