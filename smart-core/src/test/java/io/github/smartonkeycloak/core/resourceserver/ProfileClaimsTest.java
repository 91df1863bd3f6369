package io.github.smartonkeycloak.core.resourceserver;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ProfileClaimsTest {

    private static final String AZURE_BASE = "https://ws-fhir.fhir.azurehealthcareapis.com";
    private static final String HEALTHLAKE_BASE = "https://healthlake.us-east-1.amazonaws.com/datastore/d1/r4/";

    @Test
    void genericGoogleAndHapiAddNothing() {
        TokenFacts token = new TokenFacts(List.of("launch/patient", "patient/Patient.rs"), "amy", "Patient/amy", AZURE_BASE);

        for (ResourceServerProfile profile : List.of(ResourceServerProfile.GENERIC, ResourceServerProfile.GOOGLE,
                ResourceServerProfile.HAPI)) {
            assertThat(ProfileClaims.of(profile, token)).as(profile.id()).isEmpty();
            assertThat(ProfileClaims.audience(profile, token)).isEmpty();
        }
    }

    /** Azure: "a fhirUser claim, a azp or appid claim, and an scp claim with SMART on FHIR v1 Scopes". */
    @Test
    void azureGetsScpInV1WhereEveryScopeCanSayItAndAnAbsoluteFhirUser() {
        TokenFacts token = new TokenFacts(List.of("launch/patient", "openid", "fhirUser", "patient/Patient.rs",
                "patient/Observation.rs", "patient/*.cruds", "patient/Condition.cud"), "amy", "Patient/amy", AZURE_BASE);

        Map<String, Object> claims = ProfileClaims.of(ResourceServerProfile.AZURE, token);

        assertThat(claims).containsEntry("scp", "launch/patient openid fhirUser patient/Patient.read patient/Observation.read "
                + "patient/*.* patient/Condition.write").containsEntry("fhirUser", AZURE_BASE + "/Patient/amy");
    }

    @Test
    void azureGetsEveryScopeInV2WhenOneHasNoV1EquivalentForAzureRefusesMixedSyntax() {
        TokenFacts token = new TokenFacts(List.of("patient/Patient.rs",
                "patient/Observation.rs?category=http://terminology.hl7.org/CodeSystem/observation-category|laboratory"),
                "amy", "https://other.example/fhir/Patient/amy", AZURE_BASE);

        Map<String, Object> claims = ProfileClaims.of(ResourceServerProfile.AZURE, token);

        assertThat(claims.get("scp")).isEqualTo(String.join(" ", token.scopes()));
        TokenFacts mixedRequest = new TokenFacts(List.of("patient/Patient.read", "patient/Condition.*",
                "patient/Observation.rs?category=http://terminology.hl7.org/CodeSystem/observation-category|laboratory"),
                "amy", null, AZURE_BASE);
        assertThat(ProfileClaims.of(ResourceServerProfile.AZURE, mixedRequest).get("scp"))
                .as("an app that asked in both syntaxes still gets one").isEqualTo("patient/Patient.rs patient/Condition.cruds "
                        + "patient/Observation.rs?category=http://terminology.hl7.org/CodeSystem/observation-category|laboratory");
        assertThat(claims).as("an absolute fhirUser is kept").containsEntry("fhirUser", "https://other.example/fhir/Patient/amy");
    }

    @Test
    void healthLakeGetsTheDataStoreEndpointAsWrittenAndAnAbsoluteFhirUser() {
        TokenFacts token = new TokenFacts(List.of("patient/Patient.rs"), "amy", "Patient/amy", HEALTHLAKE_BASE);

        assertThat(ProfileClaims.of(ResourceServerProfile.HEALTHLAKE, token)).containsExactly(
                Map.entry("fhirUser", HEALTHLAKE_BASE + "Patient/amy"));
        assertThat(ProfileClaims.audience(ResourceServerProfile.HEALTHLAKE, token)).hasValue(HEALTHLAKE_BASE);
    }

    @Test
    void theFhirGatewayGetsABarePatientIdAndNothingWithoutAPatient() {
        assertThat(ProfileClaims.of(ResourceServerProfile.FHIR_GATEWAY,
                new TokenFacts(List.of("patient/*.rs"), "amy-shaw", null, null))).containsExactly(Map.entry("patient_id", "amy-shaw"));
        assertThat(ProfileClaims.of(ResourceServerProfile.FHIR_GATEWAY,
                new TokenFacts(List.of("system/*.rs"), null, null, null))).isEmpty();
    }

    @Test
    void noFhirUserNoClaim() {
        assertThat(ProfileClaims.of(ResourceServerProfile.HEALTHLAKE, new TokenFacts(List.of("system/*.rs"), null, null,
                HEALTHLAKE_BASE))).isEmpty();
    }
}
