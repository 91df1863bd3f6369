package io.github.smartonkeycloak.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

class SmartDiscoveryConfigTest {

    @Test
    void aRealmWithoutSettingsWithholdsNothingAndAdvertisesRegistration() {
        SmartDiscoveryConfig config = SmartDiscoveryConfig.of(Map.of());

        assertThat(config.withheldCapabilities()).isEmpty();
        assertThat(config.advertiseRegistrationEndpoint()).isTrue();
    }

    @Test
    void toleratesMissingAttributes() {
        SmartDiscoveryConfig config = SmartDiscoveryConfig.of(null);

        assertThat(config.withheldCapabilities()).isEmpty();
        assertThat(config.advertiseRegistrationEndpoint()).isTrue();
    }

    @Test
    void withheldCapabilitiesAreSeparatedBySpacesOrCommas() {
        SmartDiscoveryConfig config = SmartDiscoveryConfig.of(Map.of(
                SmartDiscoveryConfig.WITHHELD_CAPABILITIES, " client-public, permission-offline  launch-ehr,"));

        assertThat(config.withheldCapabilities())
                .containsExactlyInAnyOrder("client-public", "permission-offline", "launch-ehr");
    }

    @Test
    void registrationEndpointIsLeftOutOnlyWhenSwitchedOff() {
        assertThat(SmartDiscoveryConfig.of(Map.of(SmartDiscoveryConfig.REGISTRATION_ENDPOINT, " FALSE "))
                .advertiseRegistrationEndpoint()).isFalse();
        assertThat(SmartDiscoveryConfig.of(Map.of(SmartDiscoveryConfig.REGISTRATION_ENDPOINT, "true"))
                .advertiseRegistrationEndpoint()).isTrue();
    }
}
