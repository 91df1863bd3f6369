package io.github.smartonkeycloak.launch.consent.store.fhir;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.smartonkeycloak.core.consent.record.ConsentRecord;

/**
 * One Consent as the FHIR server holds it: its JSON (to write it back whole), what it says, and the key of the
 * Keycloak grant it records ({@code <user id>/<client_id>/<patient id>}), or null for records the pack did not write.
 */
record StoredConsent(ObjectNode json, ConsentRecord record, String key) {
}
