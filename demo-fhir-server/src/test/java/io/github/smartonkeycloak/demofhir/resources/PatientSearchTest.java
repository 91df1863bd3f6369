package io.github.smartonkeycloak.demofhir.resources;

import static io.github.smartonkeycloak.demofhir.resources.BundleIds.ids;
import static io.github.smartonkeycloak.demofhir.resources.BundleIds.resources;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import io.github.smartonkeycloak.demofhir.data.Population;
import io.github.smartonkeycloak.demofhir.data.PopulationGenerator;
import io.github.smartonkeycloak.demofhir.support.FhirHttp;
import io.github.smartonkeycloak.demofhir.support.RunningDemo;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PatientSearchTest {

    private static final int PATIENTS = 90;
    private static final long SEED = 5;
    private static final String MRN = "http://example.org/fhir/mrn";

    private static RunningDemo demo;
    /** The same population the server holds, to tell what a search must find. */
    private static Population expected;

    @BeforeAll
    static void start() {
        demo = RunningDemo.start(config -> config.patientCount(PATIENTS).seed(SEED));
        expected = PopulationGenerator.generate(PATIENTS, SEED);
    }

    @AfterAll
    static void stop() {
        demo.close();
    }

    @Test
    void readsAPatientById() {
        Patient amy = demo.http().fetch("Patient/amy-shaw", Patient.class);

        assertThat(amy.getIdElement().getIdPart()).isEqualTo("amy-shaw");
        assertThat(amy.getBirthDateElement().getValueAsString()).isEqualTo("1985-03-14");
        assertThat(amy.getIdentifier()).anySatisfy(id -> assertThat(id.getSystem()).isEqualTo(MRN));
    }

    @Test
    void unknownIdIs404WithAnOperationOutcome() {
        HttpResponse<String> response = demo.http().getWithToken("Patient/no-such-patient");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(FhirHttp.parse(response.body(), OperationOutcome.class).getIssue()).isNotEmpty();
    }

    @Test
    void nameMatchesAnyNamePartByCaseInsensitivePrefix() {
        assertThat(ids(demo.http().search("Patient?name=shaw"))).containsExactly("amy-shaw", "ben-shaw");
        assertThat(ids(demo.http().search("Patient?name=AMY"))).contains("amy-shaw").doesNotContain("ben-shaw");
        assertThat(ids(demo.http().search("Patient?name=Amy%20Sh"))).containsExactly("amy-shaw");
    }

    @Test
    void nameSearchFindsExactlyThePatientsWhoseNamesStartThatWay() {
        String prefix = "ma";
        List<String> wanted = expected.patients().all().stream()
                .filter(patient -> patient.getName().stream().anyMatch(name -> startsWith(name.getFamily(), prefix)
                        || startsWith(name.getGivenAsSingleString(), prefix)))
                .map(patient -> patient.getIdElement().getIdPart())
                .sorted()
                .collect(Collectors.toList());

        assertThat(wanted).isNotEmpty();
        assertThat(ids(demo.http().search("Patient?name=" + prefix + "&_count=100"))).isEqualTo(wanted);
    }

    @Test
    void familyAndGivenLookAtTheirOwnPartOnly() {
        assertThat(ids(demo.http().search("Patient?family=Shaw"))).containsExactly("amy-shaw", "ben-shaw");
        assertThat(ids(demo.http().search("Patient?given=ben&family=shaw"))).containsExactly("ben-shaw");
        assertThat(ids(demo.http().search("Patient?given=Shaw"))).isEmpty();
    }

    @Test
    void birthdateSearchHonoursPrefixesAndPrecision() {
        assertThat(ids(demo.http().search("Patient?birthdate=1985-03-14"))).contains("amy-shaw")
                .doesNotContain("ben-shaw");
        assertThat(ids(demo.http().search("Patient?birthdate=1985-03"))).contains("amy-shaw");
        assertThat(ids(demo.http().search("Patient?birthdate=ge2015-07-02&birthdate=le2015-07-02")))
                .contains("ben-shaw").doesNotContain("amy-shaw");
        assertThat(ids(demo.http().search("Patient?birthdate=gt2015-07-02&family=shaw"))).isEmpty();
        assertThat(ids(demo.http().search("Patient?birthdate=lt1900-01-01"))).isEmpty();
    }

    @Test
    void birthdateRangeFindsExactlyThePatientsBornInIt() {
        LocalDate from = LocalDate.of(1970, 1, 1);
        LocalDate to = LocalDate.of(1999, 12, 31);
        List<String> wanted = expected.patients().all().stream()
                .filter(patient -> {
                    LocalDate birth = LocalDate.parse(patient.getBirthDateElement().getValueAsString());
                    return !birth.isBefore(from) && !birth.isAfter(to);
                })
                .map(patient -> patient.getIdElement().getIdPart())
                .sorted()
                .collect(Collectors.toList());

        Bundle found = demo.http().search("Patient?birthdate=ge1970&birthdate=lt2000&_count=100");

        assertThat(wanted).contains("amy-shaw").hasSizeLessThan(PATIENTS);
        assertThat(ids(found)).isEqualTo(wanted);
    }

    @Test
    void malformedSearchValueIsABadRequest() {
        HttpResponse<String> response = demo.http().getWithToken("Patient?birthdate=1985-03-1x");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(FhirHttp.parse(response.body(), OperationOutcome.class).getIssue()).isNotEmpty();
    }

    @Test
    void identifierMatchesSystemAndValueOrValueAlone() {
        assertThat(ids(demo.http().search("Patient?identifier=" + MRN + "%7CMRN-000001"))).containsExactly("amy-shaw");
        assertThat(ids(demo.http().search("Patient?identifier=MRN-000002"))).containsExactly("ben-shaw");
        assertThat(ids(demo.http().search("Patient?identifier=http://other.example%7CMRN-000001"))).isEmpty();
    }

    @Test
    void idSearchAcceptsSeveralIds() {
        assertThat(ids(demo.http().search("Patient?_id=ben-shaw"))).containsExactly("ben-shaw");
        assertThat(ids(demo.http().search("Patient?_id=p0003,amy-shaw,unknown"))).containsExactly("amy-shaw", "p0003");
    }

    @Test
    void resultsAreSortedById() {
        Bundle all = demo.http().search("Patient?_count=100");

        assertThat(all.getTotal()).isEqualTo(PATIENTS);
        assertThat(ids(all)).hasSize(PATIENTS).isSorted();
        assertThat(resources(all, Patient.class)).allSatisfy(patient -> assertThat(patient.getIdentifier())
                .anySatisfy(id -> assertThat(id.getSystem()).isEqualTo(MRN)));
    }

    @Test
    void practitionersAreFoundByName() {
        assertThat(ids(demo.http().search("Practitioner?name=jones"))).containsExactly("dr-jones");
        assertThat(ids(demo.http().search("Practitioner?name=dana"))).contains("dr-jones");
        assertThat(ids(demo.http().search("Practitioner?_id=dr-jones"))).containsExactly("dr-jones");
    }

    private static boolean startsWith(String value, String prefix) {
        return value != null && value.toLowerCase(Locale.ROOT).startsWith(prefix);
    }
}
