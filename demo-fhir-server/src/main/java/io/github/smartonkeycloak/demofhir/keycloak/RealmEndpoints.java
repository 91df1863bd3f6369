package io.github.smartonkeycloak.demofhir.keycloak;

import java.net.URI;

/** The Keycloak realm URLs the server advertises or calls, all derived from the realm's base URL. */
public final class RealmEndpoints {

    private final String realmUrl;

    /** @param realmUrl e.g. {@code http://localhost:8080/realms/smart}, without a trailing slash */
    public RealmEndpoints(String realmUrl) {
        this.realmUrl = realmUrl;
    }

    public String realmUrl() {
        return realmUrl;
    }

    public URI authorization() {
        return URI.create(realmUrl + "/protocol/openid-connect/auth");
    }

    public URI token() {
        return URI.create(realmUrl + "/protocol/openid-connect/token");
    }

    public URI introspection() {
        return URI.create(realmUrl + "/protocol/openid-connect/token/introspect");
    }

    public URI revocation() {
        return URI.create(realmUrl + "/protocol/openid-connect/revoke");
    }

    /** Where a user reviews and revokes the apps they authorized. */
    public URI management() {
        return URI.create(realmUrl + "/account/applications");
    }

    public URI smartConfiguration() {
        return URI.create(realmUrl + "/.well-known/smart-configuration");
    }
}
