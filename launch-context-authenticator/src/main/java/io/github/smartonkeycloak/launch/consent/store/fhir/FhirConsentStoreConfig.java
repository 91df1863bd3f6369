package io.github.smartonkeycloak.launch.consent.store.fhir;

import org.keycloak.Config;

/** Server options of the FHIR consent store: {@code spi-smart-consent-store--fhir--poll-seconds}. */
record FhirConsentStoreConfig(int pollSeconds) {

    static final String POLL_SECONDS = "poll-seconds";
    static final int DEFAULT_POLL_SECONDS = 30;
    static final int MAX_POLL_SECONDS = 3600;
    static final FhirConsentStoreConfig DEFAULTS = new FhirConsentStoreConfig(DEFAULT_POLL_SECONDS);

    static FhirConsentStoreConfig of(Config.Scope scope) {
        Integer seconds = scope == null ? null : scope.getInt(POLL_SECONDS, DEFAULT_POLL_SECONDS);
        int value = seconds == null ? DEFAULT_POLL_SECONDS : seconds;
        return new FhirConsentStoreConfig(Math.max(0, Math.min(value, MAX_POLL_SECONDS)));
    }
}
