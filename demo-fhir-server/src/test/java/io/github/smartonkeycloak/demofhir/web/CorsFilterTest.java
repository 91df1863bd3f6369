package io.github.smartonkeycloak.demofhir.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import io.github.smartonkeycloak.demofhir.support.RunningDemo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CorsFilterTest {

    private static final String ORIGIN = "https://app.example";

    private static RunningDemo demo;

    @BeforeAll
    static void start() {
        demo = RunningDemo.start(config -> config.patientCount(5));
    }

    @AfterAll
    static void stop() {
        demo.close();
    }

    @Test
    void successfulResponsesAllowAnyOrigin() {
        assertAllowsAnyOrigin(demo.http().get("metadata", "Origin", ORIGIN), 200);
        assertAllowsAnyOrigin(demo.http().getWithToken("Patient/amy-shaw"), 200);
        assertAllowsAnyOrigin(demo.http().getWithToken("Patient?name=shaw"), 200);
    }

    @Test
    void errorResponsesAllowAnyOriginTooSoAppsCanReadThem() {
        HttpResponse<String> unauthorized = demo.http().get("Patient/amy-shaw", "Origin", ORIGIN);
        assertAllowsAnyOrigin(unauthorized, 401);
        assertThat(unauthorized.headers().firstValue("Access-Control-Expose-Headers"))
                .hasValueSatisfying(exposed -> assertThat(exposed).contains("WWW-Authenticate"));
        assertAllowsAnyOrigin(demo.http().getWithToken("Patient/nobody"), 404);
    }

    @Test
    void preflightIsAnsweredWithoutTokenOrIntrospection() {
        int introspections = demo.keycloak().introspectionCount();

        HttpResponse<String> response = demo.http().options("Patient?name=shaw",
                "Origin", ORIGIN,
                "Access-Control-Request-Method", "GET",
                "Access-Control-Request-Headers", "authorization, accept");

        assertThat(response.statusCode()).isBetween(200, 204);
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
        assertThat(response.headers().firstValue("Access-Control-Allow-Methods"))
                .hasValueSatisfying(methods -> assertThat(methods).contains("GET"));
        assertThat(response.headers().firstValue("Access-Control-Allow-Headers"))
                .hasValueSatisfying(headers -> assertThat(headers).contains("Authorization", "Accept", "Content-Type"));
        assertThat(demo.keycloak().introspectionCount()).isEqualTo(introspections);
    }

    @Test
    void plainOptionsIsNoPreflightAndNeedsAToken() {
        assertThat(demo.http().options("Patient").statusCode()).isEqualTo(401);
    }

    private static void assertAllowsAnyOrigin(HttpResponse<String> response, int expectedStatus) {
        assertThat(response.statusCode()).isEqualTo(expectedStatus);
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
    }
}
