package io.github.smartonkeycloak.demofhir.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import io.github.smartonkeycloak.demofhir.support.FhirHttp;
import io.github.smartonkeycloak.demofhir.support.RunningDemo;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.Test;

/** Keycloak down or failing is the server's problem, not the client's: 503, never 401. */
class IntrospectionUnavailableTest {

    @Test
    void unreachableIntrospectionEndpointGives503() {
        try (RunningDemo demo = RunningDemo.start(config -> config.patientCount(5))) {
            demo.keycloak().close();

            HttpResponse<String> response = demo.http().getWithToken("Patient/amy-shaw");

            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(response.headers().firstValue("WWW-Authenticate")).isEmpty();
            OperationOutcome outcome = FhirHttp.parse(response.body(), OperationOutcome.class);
            assertThat(outcome.getIssueFirstRep().getCode()).isEqualTo(OperationOutcome.IssueType.TRANSIENT);
        }
    }

    @Test
    void failingIntrospectionEndpointGives503() {
        try (RunningDemo demo = RunningDemo.start(config -> config.patientCount(5))) {
            demo.keycloak().answerIntrospectionWith(500);

            assertThat(demo.http().getWithToken("Patient/amy-shaw").statusCode()).isEqualTo(503);

            demo.keycloak().answerIntrospectionWith(200);
            assertThat(demo.http().getWithToken("Patient/amy-shaw").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void missingTokenIsStill401WhenKeycloakIsDown() {
        try (RunningDemo demo = RunningDemo.start(config -> config.patientCount(5))) {
            demo.keycloak().close();

            assertThat(demo.http().get("Patient/amy-shaw").statusCode()).isEqualTo(401);
            assertThat(demo.http().get("metadata").statusCode()).isEqualTo(200);
        }
    }
}
