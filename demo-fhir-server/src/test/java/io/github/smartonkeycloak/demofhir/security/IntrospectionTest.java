package io.github.smartonkeycloak.demofhir.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Telling a service account's token from a user's, on introspection answers as Keycloak 26.7 gives them. */
class IntrospectionTest {

    /** A client_credentials token of demo-backend (claims as Keycloak 26.7.0 answered in DemoFhirServerIT). */
    private static final Map<String, Object> SERVICE_ACCOUNT = Map.of("active", true,
            "sub", "ef588e71-8d86-4d6c-abc5-6280193c411f", "azp", "demo-backend", "client_id", "demo-backend",
            "preferred_username", "service-account-demo-backend", "username", "service-account-demo-backend",
            "scope", "profile email system/*.rs", "token_type", "Bearer");
    /** Amy's token from an authorization-code login in an app with a system/ ceiling (the same run). */
    private static final Map<String, Object> USER = Map.of("active", true,
            "sub", "be2cb150-c4dd-4e99-8a15-8659a6dfd312", "azp", "some-app", "client_id", "some-app",
            "auth_time", 1_796_405_924L, "sid", "xJWW70if0UBMwYCRJfRrkxIu", "preferred_username", "amy",
            "username", "amy", "scope", "openid profile email system/*.rs", "token_type", "Bearer");

    @Test
    void aClientCredentialsTokenIsAServiceAccounts() {
        assertThat(new Introspection(true, SERVICE_ACCOUNT).isServiceAccount()).isTrue();
    }

    @Test
    void aSignedInUsersTokenIsNot() {
        assertThat(new Introspection(true, USER).isServiceAccount()).isFalse();
    }

    @Test
    void aUserNamedLikeAnotherClientsServiceAccountIsNot() {
        Map<String, Object> claims = new HashMap<>(USER);
        claims.put("username", "service-account-demo-backend");
        assertThat(new Introspection(true, claims).isServiceAccount()).as("another client's name").isFalse();

        claims.put("username", "service-account-some-app");
        assertThat(new Introspection(true, claims).isServiceAccount()).as("signed in: auth_time").isFalse();
    }

    @Test
    void missingClaimsAndInactiveTokensCountAsNoServiceAccount() {
        Map<String, Object> noUsername = new HashMap<>(SERVICE_ACCOUNT);
        noUsername.remove("username");
        Map<String, Object> noClient = new HashMap<>(SERVICE_ACCOUNT);
        noClient.remove("client_id");

        assertThat(new Introspection(true, noUsername).isServiceAccount()).isFalse();
        assertThat(new Introspection(true, noClient).isServiceAccount()).isFalse();
        assertThat(new Introspection(false, SERVICE_ACCOUNT).isServiceAccount()).isFalse();
    }
}
