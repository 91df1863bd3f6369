package io.github.smartonkeycloak.core.launch;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LaunchConfigTest {

    @Test
    void fhirBaseUrlsMatchWhateverTheTrailingSlash() {
        FhirBaseUrls urls = FhirBaseUrls.parse(" https://fhir.example/r4/ , http://localhost:8081/fhir");

        assertThat(urls.matches("https://fhir.example/r4")).isTrue();
        assertThat(urls.matches("https://fhir.example/r4//")).isTrue();
        assertThat(urls.matches("http://localhost:8081/fhir/")).isTrue();
        assertThat(urls.matches("http://localhost:8081/fhir/Patient")).isFalse();
        assertThat(urls.matches("https://FHIR.example/r4")).isFalse();
        assertThat(urls.matches(null)).isFalse();
        assertThat(urls.primary()).isEqualTo("https://fhir.example/r4");
        assertThat(FhirBaseUrls.parse(null).isEmpty()).isTrue();
    }

    @Test
    void tokensGoOnlyToHttpsFhirServersOrPlainHttpOnLoopback() {
        assertThat(FhirBaseUrls.isSecure("https://fhir.example/r4")).isTrue();
        assertThat(FhirBaseUrls.isSecure("HTTPS://FHIR.example")).isTrue();
        assertThat(FhirBaseUrls.isSecure("http://localhost:8081/fhir")).isTrue();
        assertThat(FhirBaseUrls.isSecure("http://LOCALHOST/fhir")).isTrue();
        assertThat(FhirBaseUrls.isSecure("http://127.0.0.1:8081/fhir")).isTrue();
        assertThat(FhirBaseUrls.isSecure("http://127.255.3.4/fhir")).isTrue();
        assertThat(FhirBaseUrls.isSecure("http://[::1]:8081/fhir")).isTrue();

        assertThat(FhirBaseUrls.isSecure("http://fhir.example")).isFalse();
        assertThat(FhirBaseUrls.isSecure("http://10.0.0.5/fhir")).isFalse();
        assertThat(FhirBaseUrls.isSecure("http://128.0.0.1/fhir")).isFalse();
        assertThat(FhirBaseUrls.isSecure("http://127.0.0.256/fhir")).isFalse();
        assertThat(FhirBaseUrls.isSecure("http://127.0.0.1.fhir.example/fhir")).isFalse();
        assertThat(FhirBaseUrls.isSecure("http://localhost.fhir.example/fhir")).isFalse();
        assertThat(FhirBaseUrls.isSecure("http://localhost@fhir.example/fhir")).isFalse();
        assertThat(FhirBaseUrls.isSecure("http://[::2]/fhir")).isFalse();
        assertThat(FhirBaseUrls.isSecure("ftp://localhost/fhir")).isFalse();
        assertThat(FhirBaseUrls.isSecure("https:///fhir")).isFalse();
        assertThat(FhirBaseUrls.isSecure("localhost:8081/fhir")).isFalse();
        assertThat(FhirBaseUrls.isSecure("http://bad host/")).isFalse();
        assertThat(FhirBaseUrls.isSecure(null)).isFalse();
    }
}
