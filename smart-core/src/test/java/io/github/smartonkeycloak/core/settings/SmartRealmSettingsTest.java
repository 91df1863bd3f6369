package io.github.smartonkeycloak.core.settings;

import static io.github.smartonkeycloak.core.settings.SmartRealmSettings.FHIR_BASE_URLS;
import static io.github.smartonkeycloak.core.settings.SmartRealmSettings.FHIR_SERVICE_CLIENT;
import static io.github.smartonkeycloak.core.settings.SmartRealmSettings.LAUNCH_LIFESPAN;
import static io.github.smartonkeycloak.core.settings.SmartRealmSettings.REGISTRATION_ENDPOINT;
import static io.github.smartonkeycloak.core.settings.SmartRealmSettings.STYLE;
import static io.github.smartonkeycloak.core.settings.SmartRealmSettings.SUPPORTED_RESOURCE_TYPES;
import static io.github.smartonkeycloak.core.settings.SmartRealmSettings.WITHHELD_CAPABILITIES;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;

import io.github.smartonkeycloak.core.scope.ResourceTypes;
import org.junit.jupiter.api.Test;

class SmartRealmSettingsTest {

    private static SmartRealmSettings with(String key, String value) {
        return SmartRealmSettings.of(Map.of(key, value));
    }

    @Test
    void theKeysAreTheOnesRealmExportsAndDocsUse() {
        assertThat(SmartRealmSettings.SETTINGS).extracting(Setting::key).containsExactly(
                "smart.fhirBaseUrls", "smart.resourceServerProfiles", "smart.supportedResourceTypes", "smart.launchLifespan",
                "smart.fhirServiceClient", "smart.style", "smart.withheldCapabilities", "smart.registrationEndpoint",
                "smart.consentStore", "smart.consentCacheSeconds", "smart.auditSink");
    }

    @Test
    void unsetMeansTheDocumentedDefaults() {
        for (SmartRealmSettings settings : new SmartRealmSettings[] {SmartRealmSettings.of(Map.of()), SmartRealmSettings.of(null)}) {
            assertThat(settings.fhirBaseUrls().isEmpty()).isTrue();
            assertThat(settings.isSmartRealm()).isFalse();
            assertThat(settings.supportedResourceTypes()).isSameAs(ResourceTypes.r4());
            assertThat(settings.launchLifespanSeconds()).isEqualTo(300);
            assertThat(settings.consentStore()).isEqualTo("keycloak");
            assertThat(settings.consentCacheSeconds()).isEqualTo(2);
            assertThat(settings.auditSink()).isEqualTo("log");
            assertThat(settings.fhirServiceClient()).isEqualTo("smart-fhir-reader");
            assertThat(settings.styleJson()).isEqualTo(SmartRealmSettings.DEFAULT_STYLE)
                    .contains("\"color_background\"").contains("\"dim_border_radius\"");
            assertThat(settings.withheldCapabilities()).isEmpty();
            assertThat(settings.advertiseRegistrationEndpoint()).isTrue();
        }
        assertThat(SmartRealmSettings.setting(LAUNCH_LIFESPAN).orElseThrow().defaultText()).isEqualTo("300");
        assertThat(SmartRealmSettings.setting(FHIR_SERVICE_CLIENT).orElseThrow().defaultText()).isEqualTo("smart-fhir-reader");
    }

    @Test
    void blankMeansTheDefaultToo() {
        assertThat(with(FHIR_SERVICE_CLIENT, "  ").fhirServiceClient()).isEqualTo("smart-fhir-reader");
        assertThat(with(STYLE, " ").styleJson()).isEqualTo(SmartRealmSettings.DEFAULT_STYLE);
        assertThat(with(SUPPORTED_RESOURCE_TYPES, "").supportedResourceTypes()).isSameAs(ResourceTypes.r4());
        assertThat(with(FHIR_BASE_URLS, " , ").isSmartRealm()).isFalse();
    }

    @Test
    void theLaunchLifespanIsClampedToItsBound() {
        assertThat(with(LAUNCH_LIFESPAN, "60").launchLifespanSeconds()).isEqualTo(60);
        assertThat(with(LAUNCH_LIFESPAN, " 3600 ").launchLifespanSeconds()).isEqualTo(3600);
        assertThat(with(LAUNCH_LIFESPAN, "3601").launchLifespanSeconds()).isEqualTo(3600);
        assertThat(with(LAUNCH_LIFESPAN, "999999").launchLifespanSeconds()).isEqualTo(3600);
        assertThat(with(LAUNCH_LIFESPAN, "0").launchLifespanSeconds()).isEqualTo(300);
        assertThat(with(LAUNCH_LIFESPAN, "-5").launchLifespanSeconds()).isEqualTo(300);
        assertThat(with(LAUNCH_LIFESPAN, "1234567").launchLifespanSeconds()).isEqualTo(300);
        assertThat(with(LAUNCH_LIFESPAN, "ten").launchLifespanSeconds()).isEqualTo(300);
    }

    @Test
    void listsAreSpaceOrCommaSeparated() {
        SmartRealmSettings settings = SmartRealmSettings.of(Map.of(
                FHIR_BASE_URLS, " https://a.example/fhir/ ,http://localhost:8081/fhir",
                WITHHELD_CAPABILITIES, " client-public, permission-offline  launch-ehr,",
                SUPPORTED_RESOURCE_TYPES, "Patient,Observation"));

        assertThat(settings.isSmartRealm()).isTrue();
        assertThat(settings.fhirBaseUrls().asList()).containsExactly("https://a.example/fhir", "http://localhost:8081/fhir");
        assertThat(settings.withheldCapabilities()).containsExactlyInAnyOrder("client-public", "permission-offline", "launch-ehr");
        assertThat(settings.supportedResourceTypes().supports("Observation")).isTrue();
        assertThat(settings.supportedResourceTypes().supports("Condition")).isFalse();
        assertThat(with(FHIR_BASE_URLS, " , https://a.example/fhir").fhirBaseUrls().primary()).isEqualTo("https://a.example/fhir");
    }

    @Test
    void onlyFalseHidesTheRegistrationEndpoint() {
        assertThat(with(REGISTRATION_ENDPOINT, " FALSE ").advertiseRegistrationEndpoint()).isFalse();
        assertThat(with(REGISTRATION_ENDPOINT, "true").advertiseRegistrationEndpoint()).isTrue();
        assertThat(with(REGISTRATION_ENDPOINT, "no").advertiseRegistrationEndpoint()).isTrue();
    }

    @Test
    void goodAndBlankValuesPassValidation() {
        Map<String, String> values = new HashMap<>(Map.of(
                FHIR_BASE_URLS, "https://fhir.example/r4 http://localhost:8081/fhir",
                SUPPORTED_RESOURCE_TYPES, "Patient, Observation",
                LAUNCH_LIFESPAN, "3600",
                FHIR_SERVICE_CLIENT, "smart-fhir-reader",
                STYLE, "{\"color_background\":\"#fff\"}",
                WITHHELD_CAPABILITIES, "permission-offline, client-public",
                REGISTRATION_ENDPOINT, "FALSE"));
        values.put("unrelated", "anything");
        assertThat(SmartRealmSettings.validate(values)).isEmpty();
        assertThat(SmartRealmSettings.validate(Map.of(LAUNCH_LIFESPAN, " ", STYLE, ""))).isEmpty();
        assertThat(SmartRealmSettings.validate(null)).isEmpty();
    }

    @Test
    void badValuesAreRefusedWithAReadableProblem() {
        assertThat(SmartRealmSettings.validate(Map.of(LAUNCH_LIFESPAN, "3601"))).containsExactly(
                "Launch lifetime (seconds) (smart.launchLifespan): must be a whole number from 1 to 3600, not '3601'");
        assertThat(SmartRealmSettings.validate(Map.of(LAUNCH_LIFESPAN, "0"))).hasSize(1);
        assertThat(SmartRealmSettings.validate(Map.of(LAUNCH_LIFESPAN, "five"))).hasSize(1);
        assertThat(SmartRealmSettings.validate(Map.of(FHIR_BASE_URLS, "https://ok.example http://fhir.example")))
                .singleElement().asString().contains("'http://fhir.example' is refused").contains("https");
        assertThat(SmartRealmSettings.validate(Map.of(SUPPORTED_RESOURCE_TYPES, "Patient Patients")))
                .singleElement().asString().contains("'Patients' is not a FHIR R4 resource type");
        assertThat(SmartRealmSettings.validate(Map.of(STYLE, "[1,2]"))).singleElement().asString().contains("JSON object");
        assertThat(SmartRealmSettings.validate(Map.of(STYLE, "{not json"))).hasSize(1);
        assertThat(SmartRealmSettings.validate(Map.of(FHIR_SERVICE_CLIENT, "two words"))).hasSize(1);
        assertThat(SmartRealmSettings.validate(Map.of(WITHHELD_CAPABILITIES, "launch-ehr <script>")))
                .singleElement().asString().contains("'<script>' is not a capability name");
        assertThat(SmartRealmSettings.validate(Map.of(REGISTRATION_ENDPOINT, "maybe")))
                .singleElement().asString().contains("must be one of true, false");
        assertThat(SmartRealmSettings.validate(Map.of(LAUNCH_LIFESPAN, "0", STYLE, "x"))).hasSize(2);
    }

    @Test
    void boundsAreDescribedForFormsAndDocs() {
        assertThat(SmartRealmSettings.setting(LAUNCH_LIFESPAN).orElseThrow().boundDescription()).isEqualTo("1 to 3600");
        assertThat(SmartRealmSettings.setting(REGISTRATION_ENDPOINT).orElseThrow().boundDescription())
                .isEqualTo("one of true, false");
        assertThat(SmartRealmSettings.setting(STYLE).orElseThrow().boundDescription()).isEmpty();
        assertThat(SmartRealmSettings.setting("smart.unknown")).isEmpty();
    }

    @Test
    void consentAndAuditSettingsReadTheirChoicesAndBounds() {
        assertThat(with(SmartRealmSettings.CONSENT_STORE, " fhir ").consentStore()).isEqualTo("fhir");
        assertThat(with(SmartRealmSettings.CONSENT_STORE, "FHIR").consentStore()).isEqualTo("keycloak");
        assertThat(with(SmartRealmSettings.CONSENT_CACHE_SECONDS, "0").consentCacheSeconds()).isZero();
        assertThat(with(SmartRealmSettings.CONSENT_CACHE_SECONDS, "999").consentCacheSeconds()).isEqualTo(30);
        assertThat(with(SmartRealmSettings.CONSENT_CACHE_SECONDS, "-1").consentCacheSeconds()).isEqualTo(2);
        assertThat(with(SmartRealmSettings.AUDIT_SINK, "off").auditSink()).isEqualTo("off");
        assertThat(with(SmartRealmSettings.AUDIT_SINK, "fhir").auditSink()).isEqualTo("fhir");
        assertThat(with(SmartRealmSettings.AUDIT_SINK, "syslog").auditSink()).isEqualTo("log");
        assertThat(SmartRealmSettings.validate(Map.of(SmartRealmSettings.CONSENT_STORE, "ldap"))).singleElement()
                .asString().contains("Consent store (smart.consentStore)").contains("keycloak, fhir");
        assertThat(SmartRealmSettings.validate(Map.of(SmartRealmSettings.CONSENT_CACHE_SECONDS, "31"))).hasSize(1);
        assertThat(SmartRealmSettings.validate(Map.of(SmartRealmSettings.AUDIT_SINK, "fhir"))).isEmpty();
    }
}
