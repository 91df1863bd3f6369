package io.github.smartonkeycloak.core.resourceserver;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProfileAssignmentsTest {

    @Test
    void eachBaseUrlGetsItsProfileAndAnyOtherIsGeneric() {
        ProfileAssignments assignments = ProfileAssignments.parse(
                "https://x.fhir.azurehealthcareapis.com=azure, https://healthlake.us-east-1.amazonaws.com/datastore/d1/r4/=healthlake");

        assertThat(assignments.forServer("https://x.fhir.azurehealthcareapis.com/")).isEqualTo(ResourceServerProfile.AZURE);
        assertThat(assignments.forServer("https://healthlake.us-east-1.amazonaws.com/datastore/d1/r4"))
                .as("a trailing slash does not matter").isEqualTo(ResourceServerProfile.HEALTHLAKE);
        assertThat(assignments.forServer("https://fhir.example.org/r4")).isEqualTo(ResourceServerProfile.GENERIC);
        assertThat(assignments.writtenAs("https://healthlake.us-east-1.amazonaws.com/datastore/d1/r4"))
                .isEqualTo("https://healthlake.us-east-1.amazonaws.com/datastore/d1/r4/");
        assertThat(assignments.writtenAs("https://fhir.example.org/r4")).isEqualTo("https://fhir.example.org/r4");
        assertThat(assignments.forServer(null)).isEqualTo(ResourceServerProfile.GENERIC);
        assertThat(ProfileAssignments.parse(" ").forServer("https://x")).isEqualTo(ResourceServerProfile.GENERIC);
    }

    @Test
    void aValueAnAdminCannotMeanIsNamed() {
        assertThat(ProfileAssignments.problem("https://a=azure https://b=FHIR-Gateway")).isEmpty();
        assertThat(ProfileAssignments.problem("https://a=azur")).hasValueSatisfying(problem -> assertThat(problem)
                .contains("'azur' is not a profile").contains("generic, azure, healthlake, google, fhir-gateway, hapi"));
        assertThat(ProfileAssignments.problem("https://a=Google")).isEmpty();
        assertThat(ProfileAssignments.problem("https://a")).hasValue("'https://a' is not <FHIR base URL>=<profile>");
        assertThat(ProfileAssignments.problem("=azure")).hasValue("'=azure' is not <FHIR base URL>=<profile>");
        assertThat(ProfileAssignments.parse("https://a=azur https://b=hapi").forServer("https://a"))
                .as("a pair that does not read is left out").isEqualTo(ResourceServerProfile.GENERIC);
    }

    @Test
    void aTokenTakesTheProfileOfTheServerItNamesElseTheOneAllServersShare() {
        io.github.smartonkeycloak.core.launch.FhirBaseUrls servers =
                io.github.smartonkeycloak.core.launch.FhirBaseUrls.parse("https://a/fhir https://b/fhir");
        ProfileAssignments mixed = ProfileAssignments.parse("https://a/fhir=azure https://b/fhir=fhir-gateway");
        ProfileAssignments shared = ProfileAssignments.parse("https://a/fhir=azure https://b/fhir/=azure");

        assertThat(mixed.forToken(servers, "https://b/fhir/")).isEqualTo(ResourceServerProfile.FHIR_GATEWAY);
        assertThat(mixed.forToken(servers, null)).as("no aud, profiles differ").isEqualTo(ResourceServerProfile.GENERIC);
        assertThat(mixed.forToken(servers, "https://c/fhir")).as("not a server of the realm").isEqualTo(ResourceServerProfile.GENERIC);
        assertThat(shared.forToken(servers, null)).isEqualTo(ResourceServerProfile.AZURE);
        assertThat(ProfileAssignments.parse("").isEmpty()).isTrue();
        assertThat(ProfileAssignments.parse("https://a/fhir=generic").isEmpty()).isTrue();
        assertThat(mixed.isEmpty()).isFalse();
    }
}
