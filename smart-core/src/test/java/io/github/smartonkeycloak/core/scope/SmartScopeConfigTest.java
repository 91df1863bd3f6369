package io.github.smartonkeycloak.core.scope;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

class SmartScopeConfigTest {

    @Test
    void aRealmIsASmartRealmWhenItNamesAFhirBaseUrl() {
        assertThat(SmartScopeConfig.of(Map.of(SmartScopeConfig.FHIR_BASE_URLS, "https://fhir.example.org/r4"))
                .isSmartRealm()).isTrue();
        assertThat(SmartScopeConfig.of(Map.of(SmartScopeConfig.FHIR_BASE_URLS, " , https://a.example/fhir"))
                .isSmartRealm()).isTrue();
    }

    @Test
    void withoutOneItIsNot() {
        assertThat(SmartScopeConfig.of(Map.of()).isSmartRealm()).isFalse();
        assertThat(SmartScopeConfig.of(null).isSmartRealm()).isFalse();
        assertThat(SmartScopeConfig.of(Map.of(SmartScopeConfig.FHIR_BASE_URLS, "  ")).isSmartRealm()).isFalse();
        assertThat(SmartScopeConfig.of(Map.of(SmartScopeConfig.FHIR_BASE_URLS, " , ")).isSmartRealm()).isFalse();
    }
}
