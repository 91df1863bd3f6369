package io.github.smartonkeycloak.demofhir.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.smartonkeycloak.demofhir.support.FakeKeycloak;
import io.github.smartonkeycloak.demofhir.support.RunningDemo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SmartConfigurationServletTest {

    private static final String PATH = ".well-known/smart-configuration";

    private RunningDemo demo;

    @BeforeEach
    void start() {
        demo = RunningDemo.start(config -> config.patientCount(2));
    }

    @AfterEach
    void stop() {
        demo.close();
    }

    @Test
    void relaysTheRealmsDocumentByteForByte() {
        HttpResponse<String> response = demo.http().get(PATH);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(FakeKeycloak.SMART_CONFIGURATION);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-cache");
    }

    @Test
    void answersWithoutATokenEvenWithABadOne() {
        assertThat(demo.http().get(PATH, "Authorization", "Bearer nonsense").statusCode()).isEqualTo(200);
    }

    @Test
    void upstreamErrorGives502WithAnOAuthStyleError() throws Exception {
        demo.keycloak().answerSmartConfigurationWith(404);

        HttpResponse<String> response = demo.http().get(PATH);

        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        JsonNode error = new ObjectMapper().readTree(response.body());
        assertThat(error.path("error").asText()).isNotBlank();
        assertThat(error.path("error_description").asText()).contains("404");
    }

    @Test
    void unreachableKeycloakGives502() throws Exception {
        demo.keycloak().close();

        HttpResponse<String> response = demo.http().get(PATH);

        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
        assertThat(new ObjectMapper().readTree(response.body()).has("error_description")).isTrue();
    }
}
