package io.github.smartonkeycloak.it.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.smartonkeycloak.it.support.DemoUsers;
import io.github.smartonkeycloak.it.support.Http;
import io.github.smartonkeycloak.it.support.LaunchApi;
import io.github.smartonkeycloak.it.support.RealmFixtures;
import io.github.smartonkeycloak.it.support.SmartAppFlow;
import io.github.smartonkeycloak.it.support.SmartRealm;
import io.github.smartonkeycloak.it.support.SmartServerConfig;
import io.github.smartonkeycloak.it.support.TokenEndpoint;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.injection.LifeCycle;
import org.keycloak.testframework.realm.ManagedRealm;
import org.keycloak.testframework.remote.timeoffset.InjectTimeOffSet;
import org.keycloak.testframework.remote.timeoffset.TimeOffSet;

/**
 * A clinician's 12-hour shift with refresh token rotation on and no new login: an EHR-launched app refreshes every
 * 5 minutes (its access tokens live 5 minutes), each time with the refresh token the last refresh returned, and keeps
 * its launch context. The shipped realm's SSO session (30 min idle, 13 h maximum) is what allows it; after the
 * maximum the grant ends. Time passes through Keycloak's time offset (reset after each test by the framework).
 */
@KeycloakIntegrationTest(config = SmartServerConfig.class)
class ClinicianShiftIT {

    private static final String APP = "shift-test-app";
    private static final String SCOPE = "launch openid fhirUser online_access patient/*.rs";
    private static final int MINUTE = 60;
    private static final int HOUR = 60 * MINUTE;
    private static final int REFRESH_EVERY = 5 * MINUTE;
    private static final int SHIFT = 12 * HOUR;
    /** The shipped realm's {@code ssoSessionMaxLifespan}: the longest an online grant lasts without a new login. */
    private static final int SESSION_MAXIMUM = 13 * HOUR;

    @InjectRealm(fromJson = SmartRealm.JSON, config = SmartRealm.FreshId.class, lifecycle = LifeCycle.GLOBAL)
    ManagedRealm realm;

    @InjectTimeOffSet
    TimeOffSet timeOffSet;

    private final DemoUsers users = DemoUsers.load();

    private JsonNode launchedApp() {
        new RealmFixtures(realm).publicClient(APP, List.of("launch", "launch/patient", "launch/encounter", "fhirUser",
                "online_access", "patient/*.rs"));
        String launch = new LaunchApi(realm.getBaseUrl()).register(Map.of("client_id", APP, "patient", "amy-shaw",
                "encounter", "Encounter/amy-shaw-e1", "need_patient_banner", true));
        return new SmartAppFlow(realm.getBaseUrl(), APP).with("launch", launch).tokens(SCOPE, users.practitioner());
    }

    private Http.Response refresh(TokenEndpoint endpoint, JsonNode tokens) {
        return endpoint.refreshAsPublicClient(tokens.path("refresh_token").asText(), APP, null);
    }

    @Test
    void theShippedSessionSettingsCoverAShift() {
        RealmRepresentation shipped = realm.admin().toRepresentation();
        assertThat(shipped.getAccessTokenLifespan()).isEqualTo(REFRESH_EVERY);
        assertThat(shipped.getSsoSessionIdleTimeout()).isGreaterThan(REFRESH_EVERY);
        assertThat(shipped.getSsoSessionMaxLifespan()).isEqualTo(SESSION_MAXIMUM).isGreaterThan(SHIFT);
        assertThat(shipped.getClientSessionIdleTimeout()).as("0: the SSO session's idle time").isZero();
        assertThat(shipped.getClientSessionMaxLifespan()).as("0: the SSO session's maximum").isZero();
    }

    @Test
    void anEhrLaunchedAppRefreshesThroughATwelveHourShiftAndEndsAtTheSessionMaximum() {
        TokenEndpoint endpoint = new TokenEndpoint(realm.getBaseUrl());
        JsonNode tokens = launchedApp();
        assertThat(tokens.path("patient").asText()).isEqualTo("amy-shaw");

        for (int offset = REFRESH_EVERY; offset <= SHIFT; offset += REFRESH_EVERY) {
            timeOffSet.set(offset);
            Http.Response refreshed = refresh(endpoint, tokens);
            assertThat(refreshed.status()).as("refresh after " + offset / MINUTE + " min: " + refreshed.body())
                    .isEqualTo(200);
            tokens = refreshed.json();
            assertThat(tokens.path("patient").asText()).isEqualTo("amy-shaw");
            assertThat(tokens.path("encounter").asText()).isEqualTo("amy-shaw-e1");
        }
        JsonNode introspection = endpoint.introspect(tokens.path("access_token").asText(), "demo-fhir-server",
                "demo-fhir-server-secret").json();
        assertThat(introspection.path("active").asBoolean()).as("access token at the end of the shift").isTrue();
        assertThat(introspection.path("patient").asText()).isEqualTo("amy-shaw");

        // Past the shift the app keeps refreshing until the session maximum, then the grant ends.
        for (int offset = SHIFT + REFRESH_EVERY; offset < SESSION_MAXIMUM; offset += REFRESH_EVERY) {
            timeOffSet.set(offset);
            Http.Response refreshed = refresh(endpoint, tokens);
            assertThat(refreshed.status()).as("refresh after " + offset / MINUTE + " min: " + refreshed.body())
                    .isEqualTo(200);
            tokens = refreshed.json();
        }
        timeOffSet.set(SESSION_MAXIMUM + MINUTE);
        Http.Response ended = refresh(endpoint, tokens);
        assertThat(ended.status()).as(ended.body()).isEqualTo(400);
        assertThat(ended.json().path("error").asText()).isEqualTo("invalid_grant");
        assertThat(endpoint.introspect(tokens.path("access_token").asText(), "demo-fhir-server",
                "demo-fhir-server-secret").json().path("active").asBoolean()).isFalse();
    }

    @Test
    void anAppThatStopsRefreshingLosesTheGrantAfterTheIdleTime() {
        TokenEndpoint endpoint = new TokenEndpoint(realm.getBaseUrl());
        JsonNode tokens = launchedApp();

        timeOffSet.set(31 * MINUTE);
        Http.Response idle = refresh(endpoint, tokens);
        assertThat(idle.status()).as(idle.body()).isEqualTo(400);
        assertThat(idle.json().path("error").asText()).isEqualTo("invalid_grant");
    }
}
