package io.github.smartonkeycloak.launch.consent.withdrawal;

import java.time.Instant;
import java.util.Map;

import io.github.smartonkeycloak.audit.SmartAuditListener;
import io.github.smartonkeycloak.core.audit.AuditEventKind;
import io.github.smartonkeycloak.core.audit.AuditRecord;
import io.github.smartonkeycloak.core.fhir.FhirUser;
import io.github.smartonkeycloak.core.settings.SmartRealmSettings;
import io.github.smartonkeycloak.launch.consent.store.SmartConsentStore;
import org.jboss.logging.Logger;
import org.keycloak.common.util.Time;
import org.keycloak.events.Details;
import org.keycloak.events.Event;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventType;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * Keycloak to consent system: when a user removes an app's access in the account console, or the app revokes its
 * refresh token (RFC 7009), Keycloak sends {@code REVOKE_GRANT}; the user's Consent records for that app become
 * inactive. Revoking an access token alone does not withdraw consent. Keycloak has already ended the grant; if the
 * FHIR server cannot be reached the records stay active, which the log says (ids only), and the next
 * consent decision for the app updates them.
 */
final class ConsentWithdrawalListener implements EventListenerProvider {

    private static final Logger LOG = Logger.getLogger(ConsentWithdrawalListener.class);

    private final KeycloakSession session;

    ConsentWithdrawalListener(KeycloakSession session) {
        this.session = session;
    }

    @Override
    public void onEvent(Event event) {
        if (event.getType() != EventType.REVOKE_GRANT || event.getError() != null || event.getUserId() == null) {
            return;
        }
        Map<String, String> details = event.getDetails() == null ? Map.of() : event.getDetails();
        String clientId = details.get(Details.REVOKED_CLIENT);
        if (clientId == null || details.containsKey(Details.TOKEN_ID)) {
            return;
        }
        RealmModel realm = session.realms().getRealm(event.getRealmId());
        if (realm == null || !SmartRealmSettings.CONSENT_STORE_FHIR.equals(SmartRealmSettings.of(realm.getAttributes()).consentStore())) {
            return;
        }
        UserModel user = session.users().getUserById(realm, event.getUserId());
        ClientModel client = realm.getClientByClientId(clientId);
        if (user == null || client == null) {
            return;
        }
        try {
            for (SmartConsentStore.WithdrawnConsent withdrawn : SmartConsentStore.of(session, realm).withdraw(realm, user, client)) {
                SmartAuditListener.record(session, realm, AuditRecord.of(AuditEventKind.CONSENT_WITHDRAWN,
                                Instant.ofEpochMilli(Time.currentTimeMillis()))
                        .user(user.getId(), user.getFirstAttribute(FhirUser.NAME))
                        .client(clientId)
                        .patient("Patient/" + withdrawn.patientId())
                        .consent(withdrawn.reference()));
            }
        } catch (RuntimeException e) {
            LOG.warnf("Realm '%s': the Consent records of user %s for %s could not be made inactive: %s",
                    realm.getName(), user.getId(), clientId, e.getMessage());
        }
    }

    @Override
    public void onEvent(AdminEvent event, boolean includeRepresentation) {
    }

    @Override
    public void close() {
    }
}
