package io.github.smartonkeycloak.launch.consent.store;

import org.keycloak.models.ClientModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * Whose grant a consent record is about: the signed-in user, the app, and the patient in context (a bare id such as
 * {@code 85}). Ids only; nothing here is written to a log but the ids.
 */
public record GrantSubject(RealmModel realm, UserModel user, ClientModel client, String patientId) {

    /** The key of one user's grant to one app for one patient, as the record's identifier holds it. */
    public String key() {
        return user.getId() + "/" + client.getClientId() + "/" + patientId;
    }
}
