package io.github.smartonkeycloak.it.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import io.github.smartonkeycloak.it.support.ClientAssertion;
import io.github.smartonkeycloak.it.support.ClientKey;
import io.github.smartonkeycloak.it.support.Http;
import io.github.smartonkeycloak.it.support.JwksServer;
import io.github.smartonkeycloak.it.support.RealmFixtures;
import io.github.smartonkeycloak.it.support.SmartRealm;
import io.github.smartonkeycloak.it.support.SmartServerConfig;
import io.github.smartonkeycloak.it.support.TokenEndpoint;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.injection.LifeCycle;
import org.keycloak.testframework.realm.ManagedRealm;
import org.keycloak.testframework.remote.timeoffset.InjectTimeOffSet;
import org.keycloak.testframework.remote.timeoffset.TimeOffSet;

/**
 * A backend service whose public keys sit at its JWKS URL rotates them with no admin: a new {@code kid} is accepted
 * (Keycloak fetches the JWKS again for an unknown kid, at most every 10 s), and a key removed from the JWKS is refused
 * once Keycloak's cached copy of the JWKS is gone. That copy stays while it is used and is dropped after 1 hour
 * without use (Keycloak's {@code keys} cache), or replaced at the next fetch for an unknown kid. Time passes through
 * Keycloak's time offset, for the server's clock and its caches.
 */
@KeycloakIntegrationTest(config = SmartServerConfig.class)
class JwksKeyRotationIT {

    private static final String SYSTEM_SCOPES = "system/Patient.rs";
    /** Keycloak's default {@code spi-public-key-storage--infinispan--min-time-between-requests}. */
    private static final int MIN_TIME_BETWEEN_FETCHES = 10;
    /** Keycloak's fixed max-idle of its {@code keys} cache. */
    private static final int KEYS_CACHE_IDLE = 3600;

    private static JwksServer jwksServer;

    @InjectRealm(fromJson = SmartRealm.JSON, config = SmartRealm.FreshId.class, lifecycle = LifeCycle.GLOBAL)
    ManagedRealm realm;

    @InjectTimeOffSet(enableForCaches = true)
    TimeOffSet timeOffSet;

    private int offset;

    @BeforeAll
    static void startJwksServer() {
        jwksServer = new JwksServer();
    }

    @AfterAll
    static void stopJwksServer() {
        jwksServer.close();
    }

    private void backendClient(String clientId, ClientKey... keys) {
        jwksServer.serve(keys);
        new RealmFixtures(realm).assertionClient(clientId, jwksServer.url(clientId), null, List.of("system/*.rs"));
    }

    private void advance(int seconds) {
        offset += seconds;
        timeOffSet.set(offset);
    }

    /** A client assertion that expires 290 s after the server's (offset) clock, as the client's own clock would say. */
    private Http.Response tokenRequest(ClientKey key, String clientId) {
        TokenEndpoint endpoint = new TokenEndpoint(realm.getBaseUrl());
        String assertion = ClientAssertion.by(key, clientId, endpoint.tokenUrl())
                .claim("exp", Instant.now().getEpochSecond() + offset + 290).jwt();
        return endpoint.clientCredentialsWithAssertion(assertion, SYSTEM_SCOPES);
    }

    private static void assertRefused(Http.Response response) {
        assertThat(response.status()).as(response.body()).isIn(400, 401);
        assertThat(response.json().path("error").asText()).as(response.body()).isEqualTo("invalid_client");
    }

    @Test
    void aNewKidIsAcceptedWithoutAnAdmin() {
        ClientKey old = ClientKey.rs384("rotation-2026");
        backendClient("backend-new-kid", old);
        assertThat(tokenRequest(old, "backend-new-kid").status()).isEqualTo(200);

        ClientKey next = ClientKey.es384("rotation-2027");
        jwksServer.serve(old, next);
        advance(MIN_TIME_BETWEEN_FETCHES + 1);
        int fetches = jwksServer.fetches();

        Http.Response withNewKey = tokenRequest(next, "backend-new-kid");
        assertThat(withNewKey.status()).as(withNewKey.body()).isEqualTo(200);
        assertThat(jwksServer.fetches()).as("fetched again for the unknown kid").isEqualTo(fetches + 1);
        assertThat(tokenRequest(old, "backend-new-kid").status()).as("both keys published").isEqualTo(200);
    }

    @Test
    void aNewKidWithinTenSecondsOfTheLastFetchWaitsForTheNextFetch() {
        ClientKey old = ClientKey.rs384("early-2026");
        backendClient("backend-early-kid", old);
        assertThat(tokenRequest(old, "backend-early-kid").status()).isEqualTo(200);

        ClientKey next = ClientKey.rs384("early-2027");
        jwksServer.serve(old, next);
        assertRefused(tokenRequest(next, "backend-early-kid"));

        advance(MIN_TIME_BETWEEN_FETCHES + 1);
        assertThat(tokenRequest(next, "backend-early-kid").status()).isEqualTo(200);
    }

    @Test
    void aRemovedKidIsRefusedOnceTheCachedJwksIsGone() {
        ClientKey old = ClientKey.rs384("removed-2026");
        ClientKey next = ClientKey.rs384("removed-2027");
        backendClient("backend-removed-kid", old, next);
        assertThat(tokenRequest(old, "backend-removed-kid").status()).isEqualTo(200);

        jwksServer.serve(next);
        advance(MIN_TIME_BETWEEN_FETCHES + 1);
        Http.Response withinWindow = tokenRequest(old, "backend-removed-kid");
        assertThat(withinWindow.status()).as("the cached JWKS still has it: " + withinWindow.body()).isEqualTo(200);

        advance(KEYS_CACHE_IDLE + 1);
        assertRefused(tokenRequest(old, "backend-removed-kid"));
        assertThat(tokenRequest(next, "backend-removed-kid").status()).isEqualTo(200);
    }

    @Test
    void aRemovedKidIsRefusedAfterTheNextFetchForAnUnknownKid() {
        ClientKey old = ClientKey.rs384("refetch-2026");
        ClientKey next = ClientKey.rs384("refetch-2027");
        backendClient("backend-refetch", old);
        assertThat(tokenRequest(old, "backend-refetch").status()).isEqualTo(200);

        jwksServer.serve(next);
        advance(MIN_TIME_BETWEEN_FETCHES + 1);
        assertThat(tokenRequest(next, "backend-refetch").status()).as("new kid fetched").isEqualTo(200);

        assertRefused(tokenRequest(old, "backend-refetch"));
    }
}
