package io.github.smartonkeycloak.launch.consent.store;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

import io.github.smartonkeycloak.core.consent.record.ConsentVerdict;
import io.github.smartonkeycloak.core.settings.SmartRealmSettings;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.provider.Provider;

/**
 * Where a realm keeps the records of SMART consent, and how a grant is checked against them. The realm setting
 * {@value SmartRealmSettings#CONSENT_STORE} picks the provider. Every method may throw
 * {@link io.github.smartonkeycloak.core.fhir.FhirUnavailableException}: callers fail closed.
 */
public interface SmartConsentStore extends Provider {

    /** The patient's standing preferences for this app before the consent page: {@code DENIED} means no code. */
    ConsentVerdict preference(GrantSubject subject);

    /**
     * Records the user's decision: creates the record, updates it when the grant changed, or reuses it. Answers
     * the record's reference ({@code Consent/<id>}) and what happened, or empty when the store keeps no record.
     */
    Optional<RecordedConsent> record(GrantSubject subject, Collection<String> grantedScopes, boolean offline);

    /** Whether an active consent covers this grant now (cached for at most the realm's consent cache window). */
    ConsentVerdict check(GrantSubject subject, Collection<String> grantedScopes);

    /**
     * The user took the app's access away in Keycloak: the user's records for the app become inactive. Answers the
     * records withdrawn, with their patients.
     */
    List<WithdrawnConsent> withdraw(RealmModel realm, UserModel user, ClientModel client);

    @Override
    default void close() {
    }

    /** The store the realm's settings name. */
    static SmartConsentStore of(KeycloakSession session, RealmModel realm) {
        String id = SmartRealmSettings.of(realm.getAttributes()).consentStore();
        SmartConsentStore store = session.getProvider(SmartConsentStore.class, id);
        if (store == null) {
            throw new IllegalStateException("no provider '" + id + "' of SPI " + SmartConsentStoreSpi.SPI_NAME);
        }
        return store;
    }

    /** A record made inactive ({@code Consent/<id>}) and its patient's id. */
    record WithdrawnConsent(String reference, String patientId) {
    }

    /** A record and what the decision did to it. */
    record RecordedConsent(String reference, String change) {
    }
}
