package io.github.smartonkeycloak.it.support;

/** The realm the pack ships, as the tests import it. */
public final class SmartRealm {

    /** Classpath location of {@code realm-export/smart-realm.json} (packaged by the realm-export module). */
    public static final String JSON = "/realm-export/smart-realm.json";
    public static final String DEMO_USERS = "/realm-export/demo-users.json";
    public static final String NAME = "smart";

    private SmartRealm() {
    }
}
