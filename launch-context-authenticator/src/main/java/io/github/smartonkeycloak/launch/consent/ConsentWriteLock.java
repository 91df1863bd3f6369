package io.github.smartonkeycloak.launch.consent;

import java.util.Comparator;
import java.util.List;

import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import org.jboss.logging.Logger;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserConsentModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserProvider;
import org.keycloak.models.light.LightweightUserAdapter;
import org.keycloak.models.jpa.entities.ClientEntity;
import org.keycloak.models.jpa.entities.UserConsentEntity;
import org.keycloak.models.jpa.entities.UserEntity;
import org.keycloak.storage.StorageId;
import org.keycloak.storage.federated.UserFederatedStorageProvider;

/**
 * Serialises consent writes of one user in the database, so that parallel first consents (a double-click, two tabs,
 * an app that retries, two nodes) leave exactly one consent per user and app. Keycloak's consent table has no unique
 * key on (user, client), and two requests that both find no consent would both insert one; from then on every read
 * of it fails ("More results found"). The lock is a row lock on the user (the client for users stored elsewhere,
 * such as LDAP), held until the request's transaction commits; after it, the consent is read again past Keycloak's
 * cache, so the second writer sees the first one's row and updates it.
 * <p>
 * The lock does not evict the user from Keycloak's user cache: an eviction made every later request of that user
 * (the code exchange right after the consent page among them) load the user and its consents from the database again,
 * on every node. Reading past the cache under the lock is enough; Keycloak's own consent write invalidates the cached
 * consent when it commits.
 */
final class ConsentWriteLock {

    private static final Logger LOG = Logger.getLogger(ConsentWriteLock.class);

    private ConsentWriteLock() {
    }

    /** Takes the lock for this user's consents, until the request's transaction ends. */
    static void acquire(KeycloakSession session, UserModel user, ClientModel client) {
        EntityManager em = entityManager(session);
        if (em != null) {
            em.flush();
            if (em.find(UserEntity.class, user.getId(), LockModeType.PESSIMISTIC_WRITE) == null) {
                em.find(ClientEntity.class, client.getId(), LockModeType.PESSIMISTIC_WRITE);
            }
        }
    }

    /**
     * The user's consent to the client as stored now, not as Keycloak's user cache remembers it: what
     * {@code UserStorageManager.getConsentByClient} does below the cache (copied from Keycloak 26.7): the local store
     * for local users, the federated store for users stored elsewhere, the session itself for lightweight users.
     */
    static UserConsentModel readPastCache(KeycloakSession session, RealmModel realm, UserModel user, String clientInternalId) {
        if (LightweightUserAdapter.isLightweightUser(user)) {
            return ((LightweightUserAdapter) user).getConsentByClient(clientInternalId);
        }
        if (StorageId.isLocalStorage(user.getId())) {
            return session.getProvider(UserProvider.class).getConsentByClient(realm, user.getId(), clientInternalId);
        }
        return session.getProvider(UserFederatedStorageProvider.class).getConsentByClient(realm, user.getId(), clientInternalId);
    }

    /**
     * Leaves one consent where an earlier race left several (the latest decision wins), so a user who hit the old
     * defect can sign in again without an admin repairing the database. Call it holding the lock.
     */
    static void removeDuplicates(KeycloakSession session, UserModel user, ClientModel client) {
        EntityManager em = entityManager(session);
        if (em == null) {
            return;
        }
        List<UserConsentEntity> consents = em.createNamedQuery("userConsentByUserAndClient", UserConsentEntity.class)
                .setParameter("userId", user.getId())
                .setParameter("clientId", client.getId())
                .getResultList();
        if (consents.size() < 2) {
            return;
        }
        consents.stream()
                .sorted(Comparator.comparing(ConsentWriteLock::lastChange).reversed())
                .skip(1)
                .forEach(em::remove);
        em.flush();
        LOG.warnf("Removed %d duplicate consents of user %s for client %s", consents.size() - 1, user.getId(),
                client.getClientId());
    }

    private static long lastChange(UserConsentEntity consent) {
        Long updated = consent.getLastUpdatedDate();
        Long created = consent.getCreatedDate();
        return updated != null ? updated : created != null ? created : 0L;
    }

    private static EntityManager entityManager(KeycloakSession session) {
        JpaConnectionProvider jpa = session.getProvider(JpaConnectionProvider.class);
        return jpa == null ? null : jpa.getEntityManager();
    }
}
