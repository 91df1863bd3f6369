package io.github.smartonkeycloak.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.smartonkeycloak.client.assertion.SmartClientAssertionConfig;
import io.github.smartonkeycloak.client.backend.SmartBackendTokenConfig;
import org.junit.jupiter.api.Test;
import org.keycloak.util.JsonSerialization;

/** The executors' settings as Keycloak hands them over: the JSON of a client profile, values as strings. */
class ExecutorConfigTest {

    private static <T> T read(String json, Class<T> type) throws Exception {
        return JsonSerialization.readValue(json, type);
    }

    @Test
    void assertionSettingsDefaultToSmart() throws Exception {
        SmartClientAssertionConfig config = read("{}", SmartClientAssertionConfig.class);
        assertThat(config.getMaxLifetimeSeconds()).isEqualTo(300);
        assertThat(config.isAutoConfigure()).isTrue();
    }

    @Test
    void assertionSettingsAreRead() throws Exception {
        SmartClientAssertionConfig config = read("{\"max-lifetime\":\"120\",\"auto-configure\":\"false\"}",
                SmartClientAssertionConfig.class);
        assertThat(config.getMaxLifetimeSeconds()).isEqualTo(120);
        assertThat(config.isAutoConfigure()).isFalse();
    }

    @Test
    void aLifetimeThatWouldRefuseEveryAssertionMeansTheDefault() throws Exception {
        assertThat(read("{\"max-lifetime\":\"0\"}", SmartClientAssertionConfig.class).getMaxLifetimeSeconds()).isEqualTo(300);
        assertThat(read("{\"max-lifetime\":\"-5\"}", SmartClientAssertionConfig.class).getMaxLifetimeSeconds()).isEqualTo(300);
    }

    @Test
    void backendLifespanIsReadAndNeverExpiredAtIssue() throws Exception {
        assertThat(read("{}", SmartBackendTokenConfig.class).getMaxLifespanSeconds()).isEqualTo(300);
        assertThat(read("{\"max-access-token-lifespan\":\"60\"}", SmartBackendTokenConfig.class).getMaxLifespanSeconds())
                .isEqualTo(60);
        assertThat(read("{\"max-access-token-lifespan\":\"0\"}", SmartBackendTokenConfig.class).getMaxLifespanSeconds())
                .isEqualTo(300);
    }
}
