package io.github.smartonkeycloak.launch.consent.enforcement;

import java.util.Collection;

import io.github.smartonkeycloak.common.EarlierGrants;
import io.github.smartonkeycloak.core.consent.record.ConsentVerdict;
import io.github.smartonkeycloak.core.consent.record.ConsentVerdictKind;
import io.github.smartonkeycloak.core.fhir.FhirUnavailableException;
import io.github.smartonkeycloak.core.settings.SmartRealmSettings;
import io.github.smartonkeycloak.launch.consent.store.GrantSubject;
import io.github.smartonkeycloak.launch.consent.store.SmartConsentStore;
import io.github.smartonkeycloak.launch.flow.SmartLaunchEvents;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * The real-time consent check of a grant at the code exchange, at every refresh and at introspection. It applies
 * where the SMART consent page applies (the app requires consent, and the grant has a patient in context) in
 * realms whose consent store is {@code fhir}; elsewhere Keycloak's own consent decides, as before. A grant no
 * record permits any more is ended (all of that user's sessions with the app, in a transaction of its own, so the
 * refused request cannot roll it back); an unreachable store refuses without ending anything.
 */
public final class ConsentEnforcer {

    /** What the check decided; {@code reason} names ids only. */
    public record Outcome(boolean allowed, String eventError, String reason) {
        static final Outcome ALLOWED = new Outcome(true, null, null);
    }

    public static final String WITHDRAWN = "consent_withdrawn";
    public static final String UNAVAILABLE = "consent_store_unavailable";

    private ConsentEnforcer() {
    }

    public static Outcome check(KeycloakSession session, RealmModel realm, UserModel user, ClientModel client,
            String patientId, Collection<String> resourceScopes) {
        if (!SmartRealmSettings.CONSENT_STORE_FHIR.equals(SmartRealmSettings.of(realm.getAttributes()).consentStore())
                || user == null || client == null || !client.isConsentRequired() || patientId == null
                || resourceScopes.isEmpty()) {
            return Outcome.ALLOWED;
        }
        ConsentVerdict verdict;
        try {
            verdict = SmartConsentStore.of(session, realm).check(new GrantSubject(realm, user, client, patientId), resourceScopes);
        } catch (FhirUnavailableException e) {
            return new Outcome(false, UNAVAILABLE, "the consent records cannot be read: " + e.getMessage());
        }
        if (verdict.kind() == ConsentVerdictKind.PERMITTED) {
            return Outcome.ALLOWED;
        }
        endGrant(session, realm.getId(), user.getId(), client.getId());
        return new Outcome(false, WITHDRAWN, "no active Consent permits this grant any more ("
                + verdict.kind().name().toLowerCase(java.util.Locale.ROOT) + ": " + verdict.reason() + ")");
    }

    /** An event that names the real cause: Keycloak sends none for a refusal made by a token post-processor. */
    public static void sendError(KeycloakSession session, RealmModel realm, UserModel user, ClientModel client,
            EventType type, Outcome outcome) {
        new EventBuilder(realm, session, session.getContext().getConnection())
                .event(type)
                .client(client)
                .user(user)
                .detail(SmartLaunchEvents.CONSENT, outcome.eventError())
                .detail(SmartLaunchEvents.ERROR, outcome.reason())
                .error(outcome.eventError());
    }

    private static void endGrant(KeycloakSession session, String realmId, String userId, String clientId) {
        KeycloakModelUtils.runJobInTransaction(session.getKeycloakSessionFactory(), job -> {
            RealmModel realm = job.realms().getRealm(realmId);
            job.getContext().setRealm(realm);
            UserModel user = job.users().getUserById(realm, userId);
            ClientModel client = realm.getClientById(clientId);
            if (user != null && client != null) {
                EarlierGrants.revoke(job, realm, user, client);
            }
        });
    }
}
