package io.github.smartonkeycloak.installation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PublishedCredentialsTest {

    @Test
    void theDemoSecretsArePublishedOthersAreNot() {
        assertThat(PublishedCredentials.isDemoSecret("demo-backend-secret")).isTrue();
        assertThat(PublishedCredentials.isDemoSecret("smart-fhir-reader-secret")).isTrue();
        assertThat(PublishedCredentials.isDemoSecret("inferno-ehr-secret")).isTrue();
        assertThat(PublishedCredentials.isDemoSecret("Demo-Backend-Secret-2")).isFalse();
        assertThat(PublishedCredentials.isDemoSecret(null)).isFalse();
    }

    @Test
    void infernosHostedKitAndPlainHttpLoopbackJwksUrlsArePublished() {
        assertThat(PublishedCredentials.jwksUrlProblem(
                "https://inferno.healthit.gov/suites/custom/g10_certification/.well-known/jwks.json"))
                .hasValueSatisfying(problem -> assertThat(problem).contains("inferno.healthit.gov", "test-kit"));
        assertThat(PublishedCredentials.jwksUrlProblem("https://INFERNO.healthit.gov/x")).isPresent();
        assertThat(PublishedCredentials.jwksUrlProblem("http://localhost/suites/custom/smart_stu2_2/.well-known/jwks.json"))
                .hasValueSatisfying(problem -> assertThat(problem).contains("plain http", "localhost"));
        assertThat(PublishedCredentials.jwksUrlProblem("http://localhost:4567/custom/g10_certification/.well-known/jwks.json"))
                .isPresent();
        assertThat(PublishedCredentials.jwksUrlProblem("http://127.0.0.1:4567/jwks.json")).isPresent();
        assertThat(PublishedCredentials.jwksUrlProblem("http://[::1]:4567/jwks.json")).isPresent();
    }

    @Test
    void ownJwksUrlsAreNot() {
        assertThat(PublishedCredentials.jwksUrlProblem("https://app.example.org/.well-known/jwks.json")).isEmpty();
        assertThat(PublishedCredentials.jwksUrlProblem("https://localhost:8443/jwks.json")).isEmpty();
        assertThat(PublishedCredentials.jwksUrlProblem("https://inferno.healthit.gov.example.org/jwks.json")).isEmpty();
        assertThat(PublishedCredentials.jwksUrlProblem("not a url")).isEmpty();
        assertThat(PublishedCredentials.jwksUrlProblem(null)).isEmpty();
    }
}
