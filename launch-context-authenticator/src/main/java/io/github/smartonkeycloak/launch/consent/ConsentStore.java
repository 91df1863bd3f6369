package io.github.smartonkeycloak.launch.consent;

import java.util.List;
import java.util.Optional;

import io.github.smartonkeycloak.core.consent.ConsentMemory;
import org.keycloak.models.ClientModel;
import org.keycloak.models.ClientScopeModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ModelException;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserConsentModel;
import org.keycloak.models.UserModel;
import org.keycloak.rar.AuthorizationDetails;
import org.keycloak.services.managers.UserConsentManager;

/**
 * A user's consent to one app, kept where Keycloak keeps its own ({@link UserConsentModel}): the client scopes
 * Keycloak's consent check looks for, plus the per-scope decisions of the SMART consent page as parameters of the
 * realm client scope {@value #DECISIONS_SCOPE} (Keycloak stores one parameter per row). So the account console lists
 * the app and what was allowed, and revoking it there removes both and ends the app's sessions.
 * <p>
 * The decisions scope is realm set-up (the pack's realm export has it; docs/configuration.md says how to add it).
 * The store never creates it: a login must not change the realm, and two first consents would create two.
 */
final class ConsentStore {

    /** Hidden parameterized client scope whose parameters are the SMART consent decisions. */
    static final String DECISIONS_SCOPE = "smart-consent-decisions";
    /** What the event and the log say when the realm lacks {@link #DECISIONS_SCOPE}. */
    static final String NOT_SET_UP = "the realm has no client scope " + DECISIONS_SCOPE + " to keep consent decisions in";

    private final KeycloakSession session;
    private final RealmModel realm;
    private final UserModel user;
    private final ClientModel client;
    /** Set once this request holds the write lock: from then on the consent is read past Keycloak's user cache. */
    private boolean locked;

    ConsentStore(KeycloakSession session, RealmModel realm, UserModel user, ClientModel client) {
        this.session = session;
        this.realm = realm;
        this.user = user;
        this.client = client;
    }

    /** Whether the realm can keep SMART consent decisions; without that, the consent step must fail closed. */
    boolean isSetUp() {
        return decisionsScope().isPresent();
    }

    ConsentMemory memory() {
        UserConsentModel consent = current();
        Optional<ClientScopeModel> decisions = decisionsScope();
        if (consent == null || decisions.isEmpty()) {
            return ConsentMemory.EMPTY;
        }
        return ConsentMemory.of(consent.getParameters(decisions.get()));
    }

    /** Whether the user has consented to every one of these entries of Keycloak's consent check. */
    boolean covers(List<AuthorizationDetails> entries) {
        UserConsentModel consent = current();
        return consent != null && entries.stream().allMatch(entry -> entry.getClientScope().isAlwaysConsent()
                || consent.isClientScopeGranted(entry.getClientScope(), entry.getParameterizedScopeParam()));
    }

    /**
     * Takes the write lock early, so that what is written before {@link #save} is serialized with it too. Taken once
     * per request; later reads go past the cache.
     */
    void lock() {
        if (!locked) {
            ConsentWriteLock.acquire(session, user, client);
            locked = true;
        }
    }

    /**
     * Adds the entries to the app's consent and replaces the SMART decisions with these. Safe under concurrency: the
     * consent is read again under a database lock ({@link ConsentWriteLock}), so whatever the interleaving, one
     * consent per user and app remains, holding the last decision.
     */
    void save(List<AuthorizationDetails> entries, List<String> decisions) {
        lock();
        UserConsentModel existing = current();
        ClientScopeModel decisionsScope = decisionsScope().orElseThrow(() -> new IllegalStateException(NOT_SET_UP));
        UserConsentModel updated = new UserConsentModel(client);
        if (existing != null) {
            for (ClientScopeModel scope : existing.getGrantedClientScopes()) {
                if (scope.getId().equals(decisionsScope.getId())) {
                    continue;
                }
                if (ClientScopeModel.isParameterizedScope(scope)) {
                    existing.getParameters(scope).forEach(parameter -> updated.addGrantedClientScope(scope, parameter));
                } else {
                    updated.addGrantedClientScope(scope);
                }
            }
        }
        for (AuthorizationDetails entry : entries) {
            ClientScopeModel scope = entry.getClientScope();
            String parameter = entry.getParameterizedScopeParam();
            if (!updated.isClientScopeGranted(scope, parameter)) {
                updated.addGrantedClientScope(scope, parameter);
            }
        }
        decisions.forEach(decision -> updated.addGrantedClientScope(decisionsScope, decision));
        if (existing == null) {
            UserConsentManager.addConsent(session, realm, user, updated);
        } else {
            UserConsentManager.updateConsent(session, realm, user, updated);
        }
    }

    private UserConsentModel current() {
        try {
            return read();
        } catch (ModelException duplicates) {
            // Left by parallel first consents before the write lock existed: keep the latest, then read again.
            lock();
            ConsentWriteLock.removeDuplicates(session, user, client);
            return read();
        }
    }

    private UserConsentModel read() {
        return locked ? ConsentWriteLock.readPastCache(session, realm, user, client.getId())
                : UserConsentManager.getConsentByClient(session, realm, user, client.getId());
    }

    private Optional<ClientScopeModel> decisionsScope() {
        return realm.getClientScopesStream().filter(scope -> DECISIONS_SCOPE.equals(scope.getName())).findFirst();
    }
}
