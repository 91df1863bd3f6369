package io.github.smartonkeycloak.launch.consent.store.fhir;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.github.smartonkeycloak.common.EarlierGrants;
import io.github.smartonkeycloak.core.consent.record.ConsentJudge;
import io.github.smartonkeycloak.core.consent.record.ConsentRecord;
import io.github.smartonkeycloak.core.consent.record.ConsentVerdictKind;
import io.github.smartonkeycloak.core.settings.SmartRealmSettings;
import org.jboss.logging.Logger;
import org.keycloak.common.util.Time;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.services.scheduled.ClusterAwareScheduledTaskRunner;
import org.keycloak.timer.ScheduledTask;
import org.keycloak.timer.TimerProvider;

/**
 * Consent system to Keycloak, without waiting for the app's next request: every few seconds (one node of the
 * cluster at a time, Keycloak's {@link ClusterAwareScheduledTaskRunner}) it reads the Consent records of each
 * FHIR-store realm that changed since the last look (plus one interval of overlap), and for every patient touched
 * ends the grants the patient's records no longer permit. The overlap means a change is seen more than once, so only
 * grants that started before the change are ended: a grant the user makes right after a withdrawal (the same app, a
 * new consent, perhaps for another patient) passed its own consent check and must survive the next looks.
 */
final class WithdrawalPoll implements ScheduledTask {

    static final String TASK_NAME = "smart-consent-withdrawal-poll";
    private static final Logger LOG = Logger.getLogger(WithdrawalPoll.class);

    private final FhirConsentStoreFactory factory;
    private final int intervalSeconds;

    WithdrawalPoll(FhirConsentStoreFactory factory, int intervalSeconds) {
        this.factory = factory;
        this.intervalSeconds = intervalSeconds;
    }

    static void schedule(KeycloakSessionFactory sessionFactory, FhirConsentStoreFactory factory, int seconds) {
        long millis = seconds * 1000L;
        KeycloakModelUtils.runJobInTransaction(sessionFactory, session -> session.getProvider(TimerProvider.class)
                .schedule(new ClusterAwareScheduledTaskRunner(sessionFactory, new WithdrawalPoll(factory, seconds), millis),
                        millis, TASK_NAME));
    }

    @Override
    public void run(KeycloakSession session) {
        session.realms().getRealmsStream()
                .filter(realm -> SmartRealmSettings.CONSENT_STORE_FHIR.equals(SmartRealmSettings.of(realm.getAttributes()).consentStore()))
                .toList()
                .forEach(realm -> poll(session, realm));
    }

    private void poll(KeycloakSession session, RealmModel realm) {
        String issuer = factory.lastIssuer(realm);
        if (issuer == null) {
            return; // no request has shown this node the realm's issuer yet; token requests still check
        }
        session.getContext().setRealm(realm);
        try {
            ConsentRecords records = factory.records(session, realm, issuer);
            Instant since = Instant.ofEpochMilli(Time.currentTimeMillis()).minusSeconds(2L * intervalSeconds + 5);
            Set<String> patients = new LinkedHashSet<>();
            for (StoredConsent changed : records.changedSince(since)) {
                if (changed.record().patientId() != null) {
                    patients.add(changed.record().patientId());
                }
            }
            for (String patient : patients) {
                endWhatIsNoLongerPermitted(session, realm, records, patient);
            }
        } catch (RuntimeException e) {
            LOG.warnf(e, "Realm '%s': the SMART consent poll failed: %s", realm.getName(), e);
        }
    }

    private void endWhatIsNoLongerPermitted(KeycloakSession session, RealmModel realm, ConsentRecords records, String patient) {
        List<StoredConsent> all = records.ofPatient(patient);
        List<ConsentRecord> recordsOfPatient = all.stream().map(StoredConsent::record).toList();
        Instant now = Instant.ofEpochMilli(Time.currentTimeMillis());
        for (StoredConsent mine : all) {
            if (mine.key() == null) {
                continue;
            }
            String[] key = mine.key().split("/", 3);
            UserModel user = key.length == 3 ? session.users().getUserById(realm, key[0]) : null;
            ClientModel client = key.length == 3 ? realm.getClientByClientId(key[1]) : null;
            if (user == null || client == null) {
                continue;
            }
            boolean permitted = mine.record().isActive() && ConsentJudge.judge(recordsOfPatient, records.appSystem(),
                    client.getClientId(), mine.record().scopes(), now).kind() == ConsentVerdictKind.PERMITTED;
            if (!permitted) {
                // A withdrawn record changed itself; an active one was overruled by another record of the patient.
                Instant changedAt = lastChange(mine.record().isActive() ? recordsOfPatient : List.of(mine.record()), now);
                EarlierGrants.revokeStartedBefore(session, realm, user, client, changedAt.toEpochMilli());
                factory.cache().forget(realm.getId() + "|" + patient);
                LOG.debugf("Realm '%s': ended the grants of user %s to %s made before %s, its Consent %s no longer permits them",
                        realm.getName(), user.getId(), client.getClientId(), changedAt, mine.record().id());
            }
        }
    }

    /**
     * When these records last changed, by the FHIR server's clock ({@code meta.lastUpdated}); the poll's own time
     * when the server keeps none. Grants made after it were checked against these very records.
     */
    private static Instant lastChange(List<ConsentRecord> records, Instant now) {
        return records.stream().map(ConsentRecord::lastUpdated).filter(java.util.Objects::nonNull)
                .max(Instant::compareTo).orElse(now);
    }
}
