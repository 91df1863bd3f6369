package io.github.smartonkeycloak.demofhir.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import ca.uhn.fhir.context.FhirContext;
import jakarta.servlet.http.HttpServletResponse;
import org.hl7.fhir.r4.model.OperationOutcome;

/** Writes a one-issue OperationOutcome as FHIR JSON, for answers given before HAPI handles the request. */
final class OperationOutcomeResponse {

    private final FhirContext fhirContext;

    OperationOutcomeResponse(FhirContext fhirContext) {
        this.fhirContext = fhirContext;
    }

    void write(HttpServletResponse response, int status, OperationOutcome.IssueType type, String diagnostics)
            throws IOException {
        OperationOutcome outcome = new OperationOutcome();
        outcome.addIssue()
                .setSeverity(OperationOutcome.IssueSeverity.ERROR)
                .setCode(type)
                .setDiagnostics(diagnostics);
        byte[] body = fhirContext.newJsonParser().encodeResourceToString(outcome).getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setContentType("application/fhir+json;charset=utf-8");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
