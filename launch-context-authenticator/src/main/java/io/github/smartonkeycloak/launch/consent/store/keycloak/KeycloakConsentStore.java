package io.github.smartonkeycloak.launch.consent.store.keycloak;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

import io.github.smartonkeycloak.core.consent.record.ConsentVerdict;
import io.github.smartonkeycloak.core.consent.record.ConsentVerdictKind;
import io.github.smartonkeycloak.launch.consent.store.GrantSubject;
import io.github.smartonkeycloak.launch.consent.store.SmartConsentStore;
import org.keycloak.models.ClientModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * Today's behaviour: the decision lives only in Keycloak's consent (written by the consent step for every store),
 * which Keycloak itself enforces: removing it ends the app's sessions. No outside record, so nothing more to check.
 */
final class KeycloakConsentStore implements SmartConsentStore {

    private static final ConsentVerdict KEYCLOAK_DECIDES = new ConsentVerdict(ConsentVerdictKind.PERMITTED, null,
            "Keycloak's own consent decides");

    @Override
    public ConsentVerdict preference(GrantSubject subject) {
        return new ConsentVerdict(ConsentVerdictKind.NONE, null, "the realm keeps no consent preferences");
    }

    @Override
    public Optional<RecordedConsent> record(GrantSubject subject, Collection<String> grantedScopes, boolean offline) {
        return Optional.empty();
    }

    @Override
    public ConsentVerdict check(GrantSubject subject, Collection<String> grantedScopes) {
        return KEYCLOAK_DECIDES;
    }

    @Override
    public List<WithdrawnConsent> withdraw(RealmModel realm, UserModel user, ClientModel client) {
        return List.of(); // Keycloak removed its consent and ended the sessions already.
    }
}
