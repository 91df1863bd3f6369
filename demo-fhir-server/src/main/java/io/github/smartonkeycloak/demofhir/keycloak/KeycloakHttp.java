package io.github.smartonkeycloak.demofhir.keycloak;

import java.net.http.HttpClient;
import java.time.Duration;

/** The HTTP client settings for calls to Keycloak: short timeouts, so a stalled Keycloak fails requests quickly. */
public final class KeycloakHttp {

    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);
    /** Applied to each request, from sending until the response headers arrive. */
    public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);

    private KeycloakHttp() {
    }

    public static HttpClient newClient() {
        return HttpClient.newBuilder()
                // Plain HTTP/1.1: no h2c upgrade attempt on every call to a plain-http Keycloak.
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }
}
