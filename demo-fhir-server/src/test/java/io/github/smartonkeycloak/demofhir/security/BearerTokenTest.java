package io.github.smartonkeycloak.demofhir.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BearerTokenTest {

    @Test
    void readsTheTokenOfABearerHeader() {
        assertThat(BearerToken.fromAuthorizationHeader("Bearer abc.def-ghi")).hasValue("abc.def-ghi");
        assertThat(BearerToken.fromAuthorizationHeader("bearer abc")).hasValue("abc");
        assertThat(BearerToken.fromAuthorizationHeader("  BEARER   abc  ")).hasValue("abc");
    }

    @Test
    void findsNoTokenInOtherHeaders() {
        assertThat(BearerToken.fromAuthorizationHeader(null)).isEmpty();
        assertThat(BearerToken.fromAuthorizationHeader("")).isEmpty();
        assertThat(BearerToken.fromAuthorizationHeader("Bearer")).isEmpty();
        assertThat(BearerToken.fromAuthorizationHeader("Bearer    ")).isEmpty();
        assertThat(BearerToken.fromAuthorizationHeader("Basic abc")).isEmpty();
        assertThat(BearerToken.fromAuthorizationHeader("Bearerabc")).isEmpty();
    }
}
