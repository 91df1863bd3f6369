package io.github.smartonkeycloak.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Each issuer is built once per base URI and realm; past the bound it is built each time, and always answered. */
class RealmIssuersTest {

    private final List<String> built = new ArrayList<>();
    private final BiFunction<URI, String, String> builder = (base, realm) -> {
        built.add(base + " " + realm);
        return base + "realms/" + realm;
    };

    @BeforeEach
    void noneKept() {
        RealmIssuers.forgetAll();
    }

    @Test
    void anIssuerIsBuiltOncePerBaseAndRealm() {
        URI base = URI.create("https://auth.example.org/");

        assertThat(RealmIssuers.of(base, "smart", builder)).isEqualTo("https://auth.example.org/realms/smart");
        assertThat(RealmIssuers.of(base, "smart", builder)).isEqualTo("https://auth.example.org/realms/smart");
        assertThat(RealmIssuers.of(base, "other", builder)).isEqualTo("https://auth.example.org/realms/other");
        assertThat(RealmIssuers.of(URI.create("http://auth.example.org:8080/"), "smart", builder))
                .isEqualTo("http://auth.example.org:8080/realms/smart");

        assertThat(built).containsExactly("https://auth.example.org/ smart", "https://auth.example.org/ other",
                "http://auth.example.org:8080/ smart");
    }

    @Test
    void hostsBeyondTheBoundAreBuiltEachTimeAndStillAnswered() {
        int hosts = RealmIssuers.MAX_ENTRIES + 10;
        for (int round = 0; round < 2; round++) {
            for (int host = 0; host < hosts; host++) {
                URI base = URI.create("https://bound-" + host + ".example.org/");
                assertThat(RealmIssuers.of(base, "smart", builder)).isEqualTo(base + "realms/smart");
            }
        }
        // The first round built every one; the second only the ten the bound kept out.
        assertThat(built).hasSize(hosts + 10);
    }
}
