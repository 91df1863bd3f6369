package io.github.smartonkeycloak.core.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ClientAssertionRulesTest {

    private static final long NOW = 1_800_000_000L;
    private static final String JWKS = "https://app.example/jwks.json";
    private final ClientAssertionRules rules = new ClientAssertionRules(300);

    @Test
    void assertionAsInfernoSendsItPasses() {
        assertThat(rules.problem(null, NOW + 300, NOW, JWKS)).isEmpty();
        assertThat(rules.problem(null, NOW + 300, NOW, null)).isEmpty();
    }

    @Test
    void jkuEqualToTheRegisteredUrlPasses() {
        assertThat(rules.problem(JWKS, NOW + 60, NOW, JWKS)).isEmpty();
    }

    @Test
    void foreignJkuIsRefused() {
        assertThat(rules.problem("https://evil.example/jwks.json", NOW + 60, NOW, JWKS))
                .hasValue("Client assertion jku header does not match the client's registered JWKS URL");
        assertThat(rules.problem(JWKS + "?x", NOW + 60, NOW, JWKS)).isPresent();
    }

    @Test
    void jkuWithoutARegisteredUrlIsRefused() {
        assertThat(rules.problem(JWKS, NOW + 60, NOW, null))
                .hasValue("Client assertion has a jku header but the client has no registered JWKS URL");
    }

    @Test
    void expBeyondFiveMinutesIsRefusedAllowingClockSkew() {
        assertThat(rules.problem(null, NOW + 315, NOW, null)).isEmpty();
        assertThat(rules.problem(null, NOW + 316, NOW, null))
                .hasValue("Client assertion exp is more than 300 seconds in the future");
        assertThat(rules.problem(null, NOW + 3600, NOW, null)).isPresent();
    }

    @Test
    void expiryAndMissingExpAreLeftToKeycloak() {
        assertThat(rules.problem(null, NOW - 100, NOW, null)).isEmpty();
        assertThat(rules.problem(null, null, NOW, null)).isEmpty();
    }

    @Test
    void lifetimeIsConfigurableButPositive() {
        assertThat(new ClientAssertionRules(60).problem(null, NOW + 120, NOW, null)).isPresent();
        assertThatThrownBy(() -> new ClientAssertionRules(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
