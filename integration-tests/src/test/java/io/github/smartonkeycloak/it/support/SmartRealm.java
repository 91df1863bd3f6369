package io.github.smartonkeycloak.it.support;

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
}
