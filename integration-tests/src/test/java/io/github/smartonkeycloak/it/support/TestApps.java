package io.github.smartonkeycloak.it.support;

import org.keycloak.testframework.realm.ClientBuilder;
import org.keycloak.testframework.realm.ClientConfig;

/** Clients the tests register in the smart realm through the admin API (removed after each test class). */
public final class TestApps {

    public static final String REDIRECT_URI = "http://localhost:8089/callback";

    private TestApps() {
    }

    /** A SMART public app: PKCE, no secret. */
    public static final class PublicApp implements ClientConfig {

        public static final String CLIENT_ID = "test-public-app";

        @Override
        public ClientBuilder configure(ClientBuilder client) {
            return client.clientId(CLIENT_ID).publicClient().redirectUris(REDIRECT_URI).directAccessGrantsEnabled(false);
        }
    }

    /** A SMART confidential app with a client secret. */
    public static final class ConfidentialApp implements ClientConfig {

        public static final String CLIENT_ID = "test-confidential-app";
        public static final String SECRET = "test-confidential-secret";

        @Override
        public ClientBuilder configure(ClientBuilder client) {
            return client.clientId(CLIENT_ID).secret(SECRET).redirectUris(REDIRECT_URI).directAccessGrantsEnabled(false);
        }
    }
}
