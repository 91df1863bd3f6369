package io.github.smartonkeycloak.demofhir.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import io.github.smartonkeycloak.demofhir.support.FakeKeycloak;
import io.github.smartonkeycloak.demofhir.support.FhirHttp;
import io.github.smartonkeycloak.demofhir.support.RunningDemo;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class BearerTokenFilterTest {

    private static RunningDemo demo;

    @BeforeAll
    static void start() {
        demo = RunningDemo.start(config -> config.patientCount(20));
    }

    @AfterAll
    static void stop() {
        demo.close();
    }

    @Test
    void requestWithoutTokenIsRefusedWithABearerChallenge() {
        HttpResponse<String> response = demo.http().get("Patient/amy-shaw");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().allValues("WWW-Authenticate")).containsExactly("Bearer realm=\"fhir\"");
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/fhir+json"));
        OperationOutcome outcome = FhirHttp.parse(response.body(), OperationOutcome.class);
        assertThat(outcome.getIssueFirstRep().getCode()).isEqualTo(OperationOutcome.IssueType.LOGIN);
    }

    @Test
    void searchWithoutTokenIsRefusedToo() {
        assertThat(demo.http().get("Patient?name=shaw").statusCode()).isEqualTo(401);
        assertThat(demo.http().get("Observation?patient=amy-shaw").statusCode()).isEqualTo(401);
    }

    @Test
    void anotherSchemeCountsAsNoToken() {
        HttpResponse<String> response = demo.http().get("Patient/amy-shaw", "Authorization", "Basic Zm9vOmJhcg==");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"fhir\"");
    }

    @Test
    void inactiveTokenIsRefusedAsInvalidToken() {
        HttpResponse<String> response = demo.http().get("Patient/amy-shaw", "Authorization", "Bearer not-a-token");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(challenge -> assertThat(challenge)
                .startsWith("Bearer realm=\"fhir\"")
                .contains("error=\"invalid_token\""));
        assertThat(FhirHttp.parse(response.body(), OperationOutcome.class).getIssueFirstRep().getSeverity())
                .isEqualTo(OperationOutcome.IssueSeverity.ERROR);
        assertThat(response.body()).doesNotContain("not-a-token");
    }

    @Test
    void activeTokenIsAcceptedWhateverTheSchemeCase() {
        HttpResponse<String> response = demo.http().get("Patient/amy-shaw",
                "Authorization", "bearer " + FakeKeycloak.GOOD_TOKEN);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(FhirHttp.parse(response.body(), Patient.class).getIdElement().getIdPart()).isEqualTo("amy-shaw");
    }

    @Test
    void everyRequestIsIntrospectedAgainSoARevocationCountsAtOnce() {
        try (RunningDemo own = RunningDemo.start(config -> config.patientCount(5))) {
            assertThat(own.http().getWithToken("Patient/ben-shaw").statusCode()).isEqualTo(200);
            assertThat(own.http().getWithToken("Patient/ben-shaw").statusCode()).isEqualTo(200);
            assertThat(own.keycloak().introspectionCount()).isEqualTo(2);

            own.keycloak().revoke(FakeKeycloak.GOOD_TOKEN);

            HttpResponse<String> afterRevocation = own.http().getWithToken("Patient/ben-shaw");
            assertThat(afterRevocation.statusCode()).isEqualTo(401);
            assertThat(afterRevocation.headers().firstValue("WWW-Authenticate"))
                    .hasValueSatisfying(challenge -> assertThat(challenge).contains("invalid_token"));
        }
    }

    @Test
    void wrongClientSecretMakesEveryTokenInactive() {
        try (RunningDemo own = RunningDemo.start(config -> config.patientCount(5).clientSecret("wrong"))) {
            assertThat(own.http().getWithToken("Patient/ben-shaw").statusCode()).isEqualTo(401);
        }
    }

    @Test
    void metadataAndSmartConfigurationNeedNoToken() {
        int before = demo.keycloak().introspectionCount();

        assertThat(demo.http().get("metadata").statusCode()).isEqualTo(200);
        assertThat(demo.http().get(".well-known/smart-configuration").statusCode()).isEqualTo(200);
        assertThat(demo.keycloak().introspectionCount()).isEqualTo(before);
    }

    @Test
    void onlyTheExactOpenPathsAreOpen() {
        assertThat(demo.http().get("metadata/extra").statusCode()).isEqualTo(401);
        assertThat(demo.http().get("Patient/metadata").statusCode()).isEqualTo(401);
    }
}
