package io.github.smartonkeycloak.it.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import org.keycloak.util.JsonSerialization;

/** The EHR launch API as an EHR calls it, with the shipped realm's demo EHR client. */
public final class LaunchApi {

    public static final String EHR_CLIENT = "demo-ehr";
    public static final String EHR_SECRET = "demo-ehr-secret";

    private final String realmUrl;

    public LaunchApi(String realmUrl) {
        this.realmUrl = realmUrl;
    }

    public String ehrToken() {
        Http.Response token = new TokenEndpoint(realmUrl).clientCredentials(EHR_CLIENT, EHR_SECRET, null);
        assertThat(token.status()).as(token.body()).isEqualTo(200);
        return token.json().path("access_token").asText();
    }

    /** Registers a launch and returns its id; fails the test unless the API answers 201. */
    public String register(Map<String, Object> body) {
        Http.Response response = post(json(body), ehrToken());
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json().path("launch").asText();
    }

    public Http.Response post(String body, String bearerToken) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(realmUrl + "/smart-launch/launches"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (bearerToken != null) {
            request.header("Authorization", "Bearer " + bearerToken);
        }
        try {
            return new Http.Response(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                    .send(request.build(), HttpResponse.BodyHandlers.ofString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static String json(Object body) {
        try {
            return JsonSerialization.writeValueAsString(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
