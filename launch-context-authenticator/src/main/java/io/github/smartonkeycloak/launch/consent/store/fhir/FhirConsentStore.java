package io.github.smartonkeycloak.launch.consent.store.fhir;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.github.smartonkeycloak.core.consent.record.ConsentGrant;
import io.github.smartonkeycloak.core.consent.record.ConsentJudge;
import io.github.smartonkeycloak.core.consent.record.ConsentRecord;
import io.github.smartonkeycloak.core.consent.record.ConsentVerdict;
import io.github.smartonkeycloak.core.consent.record.ConsentVerdictKind;
import io.github.smartonkeycloak.core.fhir.FhirUnavailableException;
import io.github.smartonkeycloak.core.fhir.FhirUser;
import io.github.smartonkeycloak.core.settings.SmartRealmSettings;
import io.github.smartonkeycloak.launch.consent.store.GrantSubject;
import io.github.smartonkeycloak.launch.consent.store.SmartConsentStore;
import org.keycloak.common.util.Time;
import org.keycloak.models.ClientModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * SMART consent as FHIR R4 {@code Consent} resources on the realm's FHIR server (mapping: docs/adr/0005). Each
 * record carries an identifier {@code <issuer>/consents|<user id>/<client_id>/<patient id>} that links it to the
 * Keycloak grant; a first record is made by conditional create on it, so two racing decisions make one record.
 * Checks read all Consent records of the patient (a patient's standing deny may come from anywhere) through the
 * factory's short cache.
 */
final class FhirConsentStore implements SmartConsentStore {

    private final ConsentRecords records;
    private final ConsentCache cache;
    private final SmartRealmSettings settings;

    FhirConsentStore(ConsentRecords records, ConsentCache cache, SmartRealmSettings settings) {
        this.records = records;
        this.cache = cache;
        this.settings = settings;
    }

    @Override
    public ConsentVerdict preference(GrantSubject subject) {
        if (subject.patientId() == null) {
            return new ConsentVerdict(ConsentVerdictKind.NONE, null, "no patient in context");
        }
        List<ConsentRecord> patientRecords = records.ofPatient(subject.patientId()).stream().map(StoredConsent::record).toList();
        cache.put(cacheKey(subject), patientRecords, settings.consentCacheSeconds());
        return ConsentJudge.judge(patientRecords, records.appSystem(), subject.client().getClientId(), List.of(), now());
    }

    @Override
    public Optional<RecordedConsent> record(GrantSubject subject, Collection<String> grantedScopes, boolean offline) {
        if (subject.patientId() == null) {
            return Optional.empty();
        }
        if (!subject.patientId().matches("[A-Za-z0-9\\-.]{1,64}")) {
            // Fail closed with the readable "cannot be recorded" page rather than an error deep in the JSON writer.
            throw new FhirUnavailableException("the patient in context has no valid FHIR id to record a Consent for");
        }
        ConsentGrant grant = new ConsentGrant(records.appSystem(), subject.client().getClientId(), subject.patientId(),
                subject.user().getFirstAttribute(FhirUser.NAME), List.copyOf(grantedScopes), offline, now(), null);
        String key = subject.key();
        cache.forget(cacheKey(subject));
        List<StoredConsent> patientRecords = records.ofPatient(subject.patientId());
        Optional<StoredConsent> mine = patientRecords.stream()
                .filter(stored -> key.equals(stored.key()))
                .findFirst();
        StoredConsent written;
        String change;
        if (mine.isEmpty()) {
            written = records.create(grant, key);
            change = "recorded";
        } else if (sameGrant(mine.get().record(), grantedScopes, offline)) {
            written = mine.get();
            change = "reused";
        } else {
            // The grant changed (wider, narrower, offline now): the record says what is granted now, no more.
            written = records.update(grant, key, mine.get().record().id());
            change = "changed";
        }
        // The records just read, with this write in them: the token request that follows finds them in the cache
        // instead of searching again for what this node has just written.
        List<ConsentRecord> now = new ArrayList<>();
        patientRecords.stream().filter(stored -> !key.equals(stored.key())).forEach(stored -> now.add(stored.record()));
        now.add(written.record());
        cache.put(cacheKey(subject), now, settings.consentCacheSeconds());
        return Optional.of(new RecordedConsent("Consent/" + written.record().id(), change));
    }

    private static boolean sameGrant(ConsentRecord record, Collection<String> grantedScopes, boolean offline) {
        return record.isActive() && record.offline() == offline && Set.copyOf(record.scopes()).equals(Set.copyOf(grantedScopes));
    }

    @Override
    public ConsentVerdict check(GrantSubject subject, Collection<String> grantedScopes) {
        if (subject.patientId() == null) {
            return new ConsentVerdict(ConsentVerdictKind.NONE, null, "no patient in context");
        }
        String cacheKey = cacheKey(subject);
        List<ConsentRecord> patientRecords = cache.get(cacheKey).orElseGet(() -> {
            List<ConsentRecord> read = records.ofPatient(subject.patientId()).stream().map(StoredConsent::record).toList();
            cache.put(cacheKey, read, settings.consentCacheSeconds());
            return read;
        });
        return ConsentJudge.judge(patientRecords, records.appSystem(), subject.client().getClientId(), grantedScopes, now());
    }

    @Override
    public List<WithdrawnConsent> withdraw(RealmModel realm, UserModel user, ClientModel client) {
        String prefix = user.getId() + "/" + client.getClientId() + "/";
        List<WithdrawnConsent> withdrawn = new ArrayList<>();
        for (StoredConsent stored : records.activeOfApp(client.getClientId())) {
            if (stored.key() != null && stored.key().startsWith(prefix)) {
                records.deactivate(stored);
                cache.forget(realm.getId() + "|" + stored.record().patientId());
                withdrawn.add(new WithdrawnConsent("Consent/" + stored.record().id(), stored.record().patientId()));
            }
        }
        return withdrawn;
    }

    private static String cacheKey(GrantSubject subject) {
        return subject.realm().getId() + "|" + subject.patientId();
    }

    private static Instant now() {
        return Instant.ofEpochMilli(Time.currentTimeMillis());
    }
}
