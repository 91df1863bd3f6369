package io.github.smartonkeycloak.it.support;

import java.util.UUID;

import org.keycloak.testframework.realm.RealmBuilder;
import org.keycloak.testframework.realm.RealmConfig;

/** The realms the pack ships, as the tests import them. */
public final class SmartRealm {

    /**
     * The demo realm the tests run on: the production realm plus the demo overlay (demo users, demo and Inferno
     * clients), made by the realm-export build ({@code RealmOverlay}) and carried in its jar.
     */
    public static final String JSON = "/realm-export/smart-realm-demo.json";
    /** The production realm, {@code realm-export/smart-realm.json}: what an install imports. */
    public static final String PRODUCTION_JSON = "/realm-export/smart-realm.json";
    public static final String DEMO_OVERLAY_JSON = "/realm-export/demo/smart-realm-demo-overlay.json";
    public static final String DEMO_USERS = "/realm-export/demo-users.json";
    public static final String NAME = "smart";

    private SmartRealm() {
    }

    /**
     * Each import gets a new realm id, as an import without one does in Keycloak. The test framework would reuse the
     * realm's name as its id, so the realm it re-creates for the next class shares every cache key with the one it
     * just removed, and a reader caught between the two (the consent poll, every 2 s here) could leave the new realm
     * with the old realm's cached client: Keycloak then found a service account and made none for the new client,
     * and the next class's logins failed with "the service account of client 'smart-fhir-reader' is missing".
     */
    public static final class FreshId implements RealmConfig {
        @Override
        public RealmBuilder configure(RealmBuilder realm) {
            return realm.id(UUID.randomUUID().toString());
        }
    }
}
