package com.google.fhir.gateway.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import ca.uhn.fhir.context.FhirContext;
import com.auth0.jwt.JWT;
import com.auth0.jwt.interfaces.DecodedJWT;
import com.google.fhir.gateway.JwtUtil;
import com.google.fhir.gateway.PatientFinderImp;
import com.google.fhir.gateway.interfaces.AccessChecker;
import org.junit.jupiter.api.Test;

/**
 * Google's FHIR gateway (com.google.fhir.gateway:plugins, from Maven Central) reads access tokens that a real Keycloak
 * with the pack issued (ResourceServerProfilesIT keeps them): its patient access checker is built from a
 * {@code fhir-gateway} profile token and lets the patient in context, and only that patient, be read. The test sits in
 * the gateway's package because its checker factory and scope parser are package-private.
 */
class FhirGatewayReadsSmartTokensTest {

    private static final Path TOKENS = Path.of("..", "integration-tests", "target", "resource-server-tokens");
    private static final FhirContext FHIR = FhirContext.forR4Cached();

    private static DecodedJWT token(String profile) throws IOException {
        Path file = TOKENS.resolve(profile + ".jwt");
        assertThat(file).as("written by integration-tests' ResourceServerProfilesIT; run ./run-tests.sh (or ./mvnw verify) "
                + "from the project root").exists();
        return JWT.decode(Files.readString(file).trim());
    }

    private static AccessChecker checker(DecodedJWT token) {
        return new PatientAccessChecker.Factory().create(token, null, FHIR, PatientFinderImp.getInstance(FHIR));
    }

    @Test
    void theGatewaysPatientCheckerLetsThePatientInContextBeReadAndNoOther() throws IOException {
        AccessChecker checker = checker(token("fhir-gateway"));

        assertThat(checker.checkAccess(GatewayRequest.read("Patient", "amy-shaw")).canAccess()).isTrue();
        assertThat(checker.checkAccess(GatewayRequest.read("Patient", "ben-shaw")).canAccess()).isFalse();
        assertThat(checker.checkAccess(GatewayRequest.search("Observation", "subject", "Patient/amy-shaw")).canAccess()).isTrue();
        assertThat(checker.checkAccess(GatewayRequest.search("Observation", "subject", "Patient/ben-shaw")).canAccess()).isFalse();
        assertThat(checker.checkAccess(GatewayRequest.search("Condition", "patient", "Patient/amy-shaw")).canAccess())
                .as("the token grants Patient and Observation only").isFalse();
    }

    @Test
    void theGatewayReadsPatientIdAndTheScopesAsThePackMeantThem() throws IOException {
        DecodedJWT token = token("fhir-gateway");

        assertThat(JwtUtil.getClaimOrDie(token, PatientAccessChecker.Factory.PATIENT_CLAIM)).isEqualTo("amy-shaw");
        List<SmartFhirScope> scopes = SmartFhirScope.extractSmartFhirScopesFromTokens(
                Arrays.asList(JwtUtil.getClaimOrDie(token, PatientAccessChecker.Factory.SCOPES_CLAIM).split("\\s+")));
        assertThat(scopes).extracting(SmartFhirScope::getResourceType).containsExactlyInAnyOrder("Patient", "Observation");
        assertThat(scopes).allSatisfy(scope -> {
            assertThat(scope.getPrincipal()).isEqualTo(SmartFhirScope.Principal.PATIENT);
            assertThat(scope.getPermissions()).containsExactlyInAnyOrder(SmartFhirScope.Permission.READ, SmartFhirScope.Permission.SEARCH);
        });
    }

    @Test
    void aGenericTokenHasNoPatientIdSoTheGatewayRefusesIt() throws IOException {
        DecodedJWT token = token("generic");

        assertThat(token.getClaim("patient").asString()).isEqualTo("amy-shaw");
        assertThatThrownBy(() -> checker(token)).hasMessageContaining("patient_id");
    }
}
