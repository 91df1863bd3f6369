package io.github.smartonkeycloak.it.resourceserver;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.smartonkeycloak.it.support.BrowserlessLogin;
import io.github.smartonkeycloak.it.support.DemoUsers;
import io.github.smartonkeycloak.it.support.Jwt;
import io.github.smartonkeycloak.it.support.RealmFixtures;
import io.github.smartonkeycloak.it.support.SmartAppFlow;
import io.github.smartonkeycloak.it.support.SmartRealm;
import io.github.smartonkeycloak.it.support.SmartServerConfig;
import org.junit.jupiter.api.Test;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.injection.LifeCycle;
import org.keycloak.testframework.realm.ManagedRealm;

/**
 * The sample HealthLake token-validation function (samples/healthlake-token-validator, Node.js) against a real token
 * of a real Keycloak with the {@code healthlake} profile: it fetches the realm's JWKS, verifies the token and answers
 * in HealthLake's format; the run prints how long each call took (HealthLake allows one second).
 */
@KeycloakIntegrationTest(config = SmartServerConfig.class)
class HealthLakeValidatorIT {

    private static final String STORE = "https://healthlake.us-east-1.amazonaws.com/datastore/0123456789abcdef0123456789abcdef/r4/";
    private static final Path CLI = Path.of("..", "samples", "healthlake-token-validator", "cli.mjs");
    private static final ObjectMapper JSON = new ObjectMapper();

    @InjectRealm(fromJson = SmartRealm.JSON, config = SmartRealm.FreshId.class, lifecycle = LifeCycle.GLOBAL)
    ManagedRealm realm;

    private record Run(JsonNode answer, JsonNode times) {
    }

    private Run validate(String token, String datastoreEndpoint, int rounds) throws IOException, InterruptedException {
        ProcessBuilder node = new ProcessBuilder("node", CLI.toString());
        node.environment().put("ISSUER", realm.getBaseUrl());
        node.environment().put("IAM_ROLE_ARN", "arn:aws:iam::123456789012:role/healthlake-smart");
        node.environment().put("ROUNDS", String.valueOf(rounds));
        Path stderr = Files.createTempFile("validator", ".err");
        node.redirectError(stderr.toFile());
        Process process = node.start();
        process.getOutputStream().write(JSON.writeValueAsBytes(Map.of("datastoreEndpoint", datastoreEndpoint,
                "operationName", "Read", "bearerToken", "Bearer " + token)));
        process.getOutputStream().close();
        String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String errors = Files.readString(stderr);
        Files.delete(stderr);
        assertThat(process.exitValue()).as(errors).isZero();
        return new Run(JSON.readTree(stdout), JSON.readTree(errors.substring(errors.lastIndexOf('{'))));
    }

    @Test
    void aRealHealthLakeTokenIsAuthorizedWithinASecondAndATokenForAnotherStoreIsNot() throws Exception {
        RealmFixtures fixtures = new RealmFixtures(realm);
        fixtures.realmAttribute("smart.fhirBaseUrls", SmartAppFlow.FHIR_BASE_URL + " " + STORE);
        fixtures.realmAttribute("smart.resourceServerProfiles", STORE + "=healthlake");
        fixtures.publicClient("healthlake-app", List.of("launch/patient", "fhirUser", "patient/*.rs"));
        String token = new SmartAppFlow(realm.getBaseUrl(), "healthlake-app").with("aud", STORE)
                .inBrowser(new BrowserlessLogin(realm.getBaseUrl()).choosingPatient("amy-shaw"))
                .tokens("launch/patient openid fhirUser patient/Patient.rs", DemoUsers.load().patient())
                .path("access_token").asText();
        JsonNode claims = Jwt.payload(token);

        Run run = validate(token, STORE, 200);

        JsonNode payload = run.answer().path("authPayload");
        assertThat(payload.path("isAuthorized").asText()).as(run.answer().toString()).isEqualTo("true");
        assertThat(payload.path("aud").asText()).isEqualTo(STORE);
        assertThat(payload.path("iss").asText()).isEqualTo(realm.getBaseUrl());
        assertThat(payload.path("uid").asText()).isEqualTo(claims.path("sub").asText());
        assertThat(payload.path("scope").asText()).isEqualTo(claims.path("scope").asText());
        assertThat(payload.path("exp").asLong()).isEqualTo(claims.path("exp").asLong());
        assertThat(payload.path("nbf").isNumber()).isTrue();
        assertThat(run.answer().path("iamRoleARN").asText()).isEqualTo("arn:aws:iam::123456789012:role/healthlake-smart");
        // Measured, not asserted (timings belong to benchmarks): the first call fetches the JWKS from Keycloak, and
        // HealthLake allows one second for an answer. docs/resource-server-profiles.md reports the figures.
        System.out.printf("HealthLake validator on a real token, 200 calls: first %.1f ms (JWKS fetch), last %.2f ms, max %.1f ms%n",
                run.times().path("firstMs").asDouble(), run.times().path("lastMs").asDouble(), run.times().path("maxMs").asDouble());

        Run otherStore = validate(token, STORE.replace("0123456789abcdef", "fedcba9876543210"), 1);
        assertThat(otherStore.answer().path("authPayload").path("isAuthorized").asText()).isEqualTo("false");
    }
}
