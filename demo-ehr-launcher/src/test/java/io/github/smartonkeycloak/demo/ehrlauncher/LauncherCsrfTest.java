package io.github.smartonkeycloak.demo.ehrlauncher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;

import org.junit.jupiter.api.Test;

class LauncherCsrfTest {

    private static final String SESSION = "9f1c2d3e-0000-4000-8000-000000000001";

    private final LauncherCsrf csrf = new LauncherCsrf("a realm key of 32 bytes, say....".getBytes(StandardCharsets.UTF_8));

    @Test
    void acceptsTheTokenItMadeForTheSameSession() {
        assertThat(csrf.accepts(SESSION, csrf.token(SESSION))).isTrue();
        assertThat(csrf.token(SESSION)).as("stable for the page's lifetime").isEqualTo(csrf.token(SESSION))
                .matches("[A-Za-z0-9_-]{43}");
    }

    @Test
    void refusesTheTokenOfAnotherSession() {
        assertThat(csrf.accepts(SESSION, csrf.token("another-session"))).isFalse();
    }

    @Test
    void refusesATokenMadeWithAnotherKey() {
        LauncherCsrf otherRealm = new LauncherCsrf("another key".getBytes(StandardCharsets.UTF_8));

        assertThat(csrf.accepts(SESSION, otherRealm.token(SESSION))).isFalse();
    }

    /** The old token: an unkeyed hash of the session id, which every app sees as sid and could compute. */
    @Test
    void refusesTheOldUnkeyedHashOfTheSessionId() throws Exception {
        byte[] hash = MessageDigest.getInstance("SHA-256")
                .digest(("smart-ehr-launcher:" + SESSION).getBytes(StandardCharsets.UTF_8));
        String unkeyed = Base64.getUrlEncoder().withoutPadding().encodeToString(hash);

        assertThat(csrf.accepts(SESSION, unkeyed)).isFalse();
    }

    @Test
    void refusesMissingEmptyAndAlteredTokens() {
        String token = csrf.token(SESSION);
        String altered = (token.charAt(0) == 'A' ? "B" : "A") + token.substring(1);

        assertThat(csrf.accepts(SESSION, null)).isFalse();
        assertThat(csrf.accepts(SESSION, "")).isFalse();
        assertThat(csrf.accepts(SESSION, altered)).isFalse();
        assertThat(csrf.accepts(SESSION, token + "x")).isFalse();
        assertThat(csrf.accepts(SESSION, token.substring(1))).isFalse();
    }

    @Test
    void refusesToWorkWithoutAKey() {
        assertThatThrownBy(() -> new LauncherCsrf(new byte[0])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LauncherCsrf(null)).isInstanceOf(IllegalArgumentException.class);
    }
}
