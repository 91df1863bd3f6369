package io.github.smartonkeycloak.demofhir.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import io.github.smartonkeycloak.demofhir.support.RunningDemo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DemoAppServletTest {

    private static RunningDemo demo;

    @BeforeAll
    static void start() {
        demo = RunningDemo.start(config -> config.patientCount(2));
    }

    @AfterAll
    static void stop() {
        demo.close();
    }

    @ParameterizedTest
    @CsvSource({
            "'',         index.html, text/html",
            "index.html, index.html, text/html",
            "app.js,     app.js,     text/javascript",
            "app.css,    app.css,    text/css"})
    void servesTheAppsFilesWithoutATokenUncachedAndUnderTheContentSecurityPolicy(String path, String file,
            String contentType) throws IOException {
        int introspections = demo.keycloak().introspectionCount();

        HttpResponse<String> response = demo.http().get(demo.server().appUrl() + path);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(resource(file));
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type)
                .startsWith(contentType).containsIgnoringCase("charset=utf-8"));
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(response.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
        assertThat(response.headers().firstValue("Content-Security-Policy")).hasValue(
                DemoAppServlet.contentSecurityPolicy(DemoAppServlet.origin(demo.keycloak().realmUrl())));
        assertThat(demo.keycloak().introspectionCount()).as("no token looked at").isEqualTo(introspections);
    }

    @Test
    void theContentSecurityPolicyAllowsOnlyThisServerAndKeycloaksOrigin() {
        String policy = demo.http().get(demo.server().appUrl()).headers()
                .firstValue("Content-Security-Policy").orElseThrow();
        String keycloakOrigin = demo.keycloak().realmUrl().replace("/realms/smart", "");

        assertThat(policy).contains("default-src 'none'", "script-src 'self'", "style-src 'self'",
                "connect-src 'self' " + keycloakOrigin + ";", "frame-ancestors 'none'", "base-uri 'none'");
        assertThat(policy).doesNotContain("unsafe-inline", "unsafe-eval", "*");
    }

    @Test
    void originIsSchemeHostAndPortLowerCased() {
        assertThat(DemoAppServlet.origin("http://LocalHost:8080/realms/smart")).isEqualTo("http://localhost:8080");
        assertThat(DemoAppServlet.origin("https://kc.example/realms/smart")).isEqualTo("https://kc.example");
    }

    @ParameterizedTest
    @ValueSource(strings = {"nope.js", "App.js", "sub/app.js", "demo-app/app.js", "simplelogger.properties",
            "index.html/"})
    void anythingElseUnderAppIsNotFound(String path) {
        HttpResponse<String> response = demo.http().get(demo.server().appUrl() + path);

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).doesNotContain("<");
    }

    @Test
    void appWithoutTheSlashRedirectsAndKeepsTheLaunchParameters() {
        String query = "?launch=abc&iss=http%3A%2F%2Flocalhost%2Ffhir";

        HttpResponse<String> response = demo.http().get(demo.server().appUrl().replaceAll("/$", "") + query);

        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location")).hasValueSatisfying(
                location -> assertThat(location).endsWith("/app/" + query));
    }

    @Test
    void onlyGetAndHeadAreServed() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        URI uri = URI.create(demo.server().appUrl());

        HttpResponse<Void> head = client.send(HttpRequest.newBuilder(uri)
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
        HttpResponse<Void> post = client.send(HttpRequest.newBuilder(uri)
                .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.discarding());

        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(post.statusCode()).isEqualTo(405);
    }

    @Test
    void theFhirApiStillNeedsAToken() {
        HttpResponse<String> response = demo.http().get("Patient");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).isPresent();
        assertThat(demo.http().getWithToken("Patient").statusCode()).isEqualTo(200);
    }

    @Test
    void theAppKeepsItsOwnRules() throws IOException {
        String script = resource("app.js");
        String page = resource("index.html");

        assertThat(script).doesNotContain("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write",
                "localStorage", "eval(");
        assertThat(page).contains("name=\"viewport\"", "src=\"app.js\"", "href=\"app.css\"")
                .doesNotContain("<script>", "style=", "http://", "https://");
        assertThat(script.lines().count() + page.lines().count() + resource("app.css").lines().count())
                .isLessThan(400);
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = DemoAppServletTest.class.getClassLoader()
                .getResourceAsStream(DemoAppServlet.RESOURCE_DIRECTORY + name)) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
