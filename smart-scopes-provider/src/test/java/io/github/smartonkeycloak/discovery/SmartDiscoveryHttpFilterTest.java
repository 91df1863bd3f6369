package io.github.smartonkeycloak.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SmartDiscoveryHttpFilterTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "/realms/smart/.well-known/smart-configuration",
            "realms/smart/.well-known/smart-configuration",
            "/realms/my-realm/.well-known/smart-configuration/"})
    void appliesToTheSmartConfigurationOfAnyRealm(String path) {
        assertThat(SmartDiscoveryHttpFilter.isSmartConfiguration(path)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "/realms/smart/.well-known/openid-configuration",
            "/realms/smart/protocol/openid-connect/token",
            "/realms/smart/.well-known/smart-configuration/extra",
            "/admin/realms/smart/.well-known/smart-configuration",
            "/realms/.well-known/smart-configuration"})
    void leavesEveryOtherPathAlone(String path) {
        assertThat(SmartDiscoveryHttpFilter.isSmartConfiguration(path)).isFalse();
    }
}
