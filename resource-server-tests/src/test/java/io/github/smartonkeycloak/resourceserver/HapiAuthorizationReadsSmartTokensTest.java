package io.github.smartonkeycloak.resourceserver;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.interceptor.auth.AuthorizationInterceptor;
import ca.uhn.fhir.rest.server.interceptor.auth.IAuthRule;
import ca.uhn.fhir.rest.server.interceptor.auth.IAuthRuleBuilder;
import ca.uhn.fhir.rest.server.interceptor.auth.PolicyEnum;
import ca.uhn.fhir.rest.server.interceptor.auth.RuleBuilder;
import com.auth0.jwt.JWT;
import com.auth0.jwt.interfaces.DecodedJWT;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;

/**
 * HAPI FHIR reads no SMART token itself: its security documentation has the deployer write an
 * {@link AuthorizationInterceptor} whose rules come from the token. This is that interceptor, written the way HAPI's
 * documentation shows, fed with a real {@code generic} (= {@code hapi}) profile token from a real Keycloak: HAPI's own
 * rule engine, on the token's {@code patient} and {@code scope} claims, lets the patient in context be read and keeps
 * other patients and ungranted types out. It shows the claims have the shape HAPI's compartment rules take (a bare
 * patient id, resource scopes by type).
 */
class HapiAuthorizationReadsSmartTokensTest {

    private static final Path TOKENS = Path.of("..", "integration-tests", "target", "resource-server-tokens");

    private static DecodedJWT token(String profile) throws IOException {
        Path file = TOKENS.resolve(profile + ".jwt");
        assertThat(file).as("written by integration-tests' ResourceServerProfilesIT; run ./run-tests.sh from the project root")
                .exists();
        return JWT.decode(Files.readString(file).trim());
    }

    /** The deployer's interceptor: read and search of each patient/ type the token grants, in the patient's compartment. */
    private static AuthorizationInterceptor fromToken(DecodedJWT token) {
        String patient = token.getClaim("patient").asString();
        List<String> types = Arrays.stream(token.getClaim("scope").asString().split(" "))
                .filter(scope -> scope.startsWith("patient/") && (scope.endsWith(".rs") || scope.endsWith(".read")))
                .map(scope -> scope.substring("patient/".length(), scope.lastIndexOf('.')))
                .toList();
        return new AuthorizationInterceptor(PolicyEnum.DENY) {
            @Override
            public List<IAuthRule> buildRuleList(RequestDetails request) {
                IAuthRuleBuilder rules = new RuleBuilder();
                for (String type : types) {
                    rules.allow().read().resourcesOfType(type).inCompartment("Patient", new IdType("Patient", patient)).andThen();
                }
                return rules.denyAll().build();
            }
        };
    }

    private static PolicyEnum read(AuthorizationInterceptor interceptor, org.hl7.fhir.r4.model.Resource resource) {
        SystemRequestDetails request = new SystemRequestDetails();
        request.setFhirContext(FhirContext.forR4Cached());
        request.setResourceName(resource.fhirType());
        request.setRestOperationType(RestOperationTypeEnum.READ);
        return interceptor.applyRulesAndReturnDecision(RestOperationTypeEnum.READ, request, null, resource.getIdElement(),
                resource, Pointcut.STORAGE_PREACCESS_RESOURCES).getDecision();
    }

    private static Patient patient(String id) {
        Patient patient = new Patient();
        patient.setId(new IdType("Patient", id));
        return patient;
    }

    private static Observation observationOf(String patientId) {
        Observation observation = new Observation();
        observation.setId(new IdType("Observation", "o-" + patientId));
        observation.setSubject(new Reference("Patient/" + patientId));
        return observation;
    }

    @Test
    void hapisRuleEngineOnTheTokensClaimsLetsOnlyThePatientInContextBeRead() throws IOException {
        AuthorizationInterceptor interceptor = fromToken(token("generic"));

        assertThat(read(interceptor, patient("amy-shaw"))).isEqualTo(PolicyEnum.ALLOW);
        assertThat(read(interceptor, observationOf("amy-shaw"))).isEqualTo(PolicyEnum.ALLOW);
        assertThat(read(interceptor, patient("ben-shaw"))).isEqualTo(PolicyEnum.DENY);
        assertThat(read(interceptor, observationOf("ben-shaw"))).isEqualTo(PolicyEnum.DENY);
        Condition condition = new Condition();
        condition.setId(new IdType("Condition", "c-1"));
        condition.setSubject(new Reference("Patient/amy-shaw"));
        assertThat(read(interceptor, condition)).as("Condition is not granted").isEqualTo(PolicyEnum.DENY);
    }
}
