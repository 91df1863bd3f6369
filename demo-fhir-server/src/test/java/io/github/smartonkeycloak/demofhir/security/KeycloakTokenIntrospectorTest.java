package io.github.smartonkeycloak.demofhir.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.smartonkeycloak.demofhir.keycloak.KeycloakHttp;
import io.github.smartonkeycloak.demofhir.keycloak.RealmEndpoints;
import io.github.smartonkeycloak.demofhir.support.FakeKeycloak;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class KeycloakTokenIntrospectorTest {

    private FakeKeycloak keycloak;

    @BeforeEach
    void start() {
        keycloak = FakeKeycloak.start();
    }

    @AfterEach
    void stop() {
        keycloak.close();
    }

    @Test
    void activeTokenComesBackWithItsClaims() {
        Introspection introspection = introspector(FakeKeycloak.CLIENT_SECRET).introspect(FakeKeycloak.GOOD_TOKEN);

        assertThat(introspection.active()).isTrue();
        assertThat(introspection.claims()).containsEntry("client_id", "backend").containsEntry("active", true);
        assertThat(introspection.scopes()).containsExactly("openid", "system/*.rs");
        assertThat(introspection.toString()).doesNotContain("sa-backend");
    }

    @Test
    void unknownTokenIsInactive() {
        Introspection introspection = introspector(FakeKeycloak.CLIENT_SECRET).introspect("someone-elses-token");

        assertThat(introspection.active()).isFalse();
        assertThat(introspection.scopes()).isEmpty();
    }

    @Test
    void clientCredentialsAreSentWithBasicAuthentication() {
        assertThat(introspector("wrong-secret").introspect(FakeKeycloak.GOOD_TOKEN).active()).isFalse();
    }

    @Test
    void non200AnswerIsUnavailableNotInactive() {
        keycloak.answerIntrospectionWith(503);

        assertThatThrownBy(() -> introspector(FakeKeycloak.CLIENT_SECRET).introspect(FakeKeycloak.GOOD_TOKEN))
                .isInstanceOf(IntrospectionUnavailableException.class)
                .hasMessageContaining("503")
                .hasMessageNotContaining(FakeKeycloak.GOOD_TOKEN);
    }

    @Test
    void unreachableEndpointIsUnavailable() {
        TokenIntrospector introspector = introspector(FakeKeycloak.CLIENT_SECRET);
        keycloak.close();

        assertThatThrownBy(() -> introspector.introspect("secret-token-value"))
                .isInstanceOf(IntrospectionUnavailableException.class)
                .hasMessageNotContaining("secret-token-value");
    }

    private TokenIntrospector introspector(String secret) {
        return new KeycloakTokenIntrospector(KeycloakHttp.newClient(),
                new RealmEndpoints(keycloak.realmUrl()).introspection(), FakeKeycloak.CLIENT_ID, secret);
    }
}
