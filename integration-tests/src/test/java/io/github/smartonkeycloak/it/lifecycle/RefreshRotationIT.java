package io.github.smartonkeycloak.it.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.smartonkeycloak.it.support.BrowserlessLogin;
import io.github.smartonkeycloak.it.support.DemoUsers;
import io.github.smartonkeycloak.it.support.Http;
import io.github.smartonkeycloak.it.support.RealmFixtures;
import io.github.smartonkeycloak.it.support.SmartAppFlow;
import io.github.smartonkeycloak.it.support.SmartRealm;
import io.github.smartonkeycloak.it.support.SmartServerConfig;
import io.github.smartonkeycloak.it.support.TokenEndpoint;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.EventRepresentation;
import org.keycloak.representations.idm.RealmEventsConfigRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.injection.LifeCycle;
import org.keycloak.testframework.realm.ManagedRealm;

/**
 * Refresh token rotation as the shipped realm has it: each refresh token works once, and a rotated one that comes
 * back (RFC 9700 §4.14.2: the app or a thief replays it) revokes the user's whole grant to the app: the newest
 * refresh token, the offline token and the access tokens stop working, and the refused refresh's event says
 * {@code smart_token_family=revoked}. Other users' grants to the same app are untouched.
 */
@KeycloakIntegrationTest(config = SmartServerConfig.class)
class RefreshRotationIT {

    private static final String APP = "rotation-test-app";
    private static final List<String> CEILINGS = List.of("launch/patient", "patient/*.rs", "fhirUser", "offline_access",
            "online_access");
    private static final String ONLINE = "openid fhirUser launch/patient online_access patient/*.rs";
    private static final String OFFLINE = "openid fhirUser launch/patient offline_access patient/*.rs";

    @InjectRealm(fromJson = SmartRealm.JSON, config = SmartRealm.FreshId.class, lifecycle = LifeCycle.GLOBAL)
    ManagedRealm realm;

    private final DemoUsers users = DemoUsers.load();

    private TokenEndpoint tokenEndpoint() {
        return new TokenEndpoint(realm.getBaseUrl());
    }

    private SmartAppFlow app() {
        new RealmFixtures(realm).publicClient(APP, CEILINGS);
        return new SmartAppFlow(realm.getBaseUrl(), APP);
    }

    private Http.Response refresh(JsonNode tokens) {
        return tokenEndpoint().refreshAsPublicClient(tokens.path("refresh_token").asText(), APP, null);
    }

    private boolean active(String accessToken) {
        return tokenEndpoint().introspect(accessToken, "demo-fhir-server", "demo-fhir-server-secret").json()
                .path("active").asBoolean();
    }

    private static void assertInvalidGrant(Http.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.json().path("error").asText()).as(response.body()).isEqualTo("invalid_grant");
    }

    @Test
    void theShippedRealmRotatesRefreshTokensWithNoReuse() {
        RealmRepresentation shipped = realm.admin().toRepresentation();
        assertThat(shipped.getRevokeRefreshToken()).isTrue();
        assertThat(shipped.getRefreshTokenMaxReuse()).isZero();
    }

    @Test
    void eachRefreshReturnsANewRefreshTokenAndTheContextStays() {
        JsonNode tokens = app().tokens(ONLINE, users.patient());
        List<String> seen = new ArrayList<>(List.of(tokens.path("refresh_token").asText()));

        for (int i = 0; i < 3; i++) {
            Http.Response refreshed = refresh(tokens);
            assertThat(refreshed.status()).as(refreshed.body()).isEqualTo(200);
            tokens = refreshed.json();
            assertThat(seen).doesNotContain(tokens.path("refresh_token").asText());
            seen.add(tokens.path("refresh_token").asText());
            assertThat(tokens.path("patient").asText()).isNotEmpty();
        }
    }

    @Test
    void aReusedRefreshTokenRevokesTheWholeGrantAndTheEventSaysSo() {
        BrowserlessLogin browser = new BrowserlessLogin(realm.getBaseUrl());
        JsonNode first = app().inBrowser(browser).tokens(ONLINE, users.patient());
        JsonNode offline = new SmartAppFlow(realm.getBaseUrl(), APP).inBrowser(browser).tokens(OFFLINE, users.patient());
        JsonNode otherUser = new SmartAppFlow(realm.getBaseUrl(), APP).tokens(ONLINE, otherPatient());

        Http.Response rotated = refresh(first);
        assertThat(rotated.status()).as(rotated.body()).isEqualTo(200);
        JsonNode newest = rotated.json();
        assertThat(active(newest.path("access_token").asText())).isTrue();
        assertThat(active(offline.path("access_token").asText())).isTrue();

        RealmEventsConfigRepresentation events = realm.admin().getRealmEventsConfig();
        List<String> storedTypes = events.getEnabledEventTypes();
        events.setEnabledEventTypes(List.of("REFRESH_TOKEN_ERROR", "REFRESH_TOKEN"));
        realm.admin().updateRealmEventsConfig(events);
        try {
            assertInvalidGrant(refresh(first));

            assertInvalidGrant(refresh(newest));
            assertInvalidGrant(refresh(offline));
            assertThat(active(newest.path("access_token").asText())).as("access token of the newest refresh").isFalse();
            assertThat(active(offline.path("access_token").asText())).as("access token of the offline grant").isFalse();

            List<EventRepresentation> errors = realm.admin().getEvents(List.of("REFRESH_TOKEN_ERROR"), APP, null, null,
                    null, null, 0, 20);
            assertThat(errors).anySatisfy(error -> {
                assertThat(error.getDetails()).containsEntry("smart_token_family", "revoked");
                assertThat(error.getUserId()).isNotEmpty();
                assertThat(error.getError()).isEqualTo("invalid_token");
            });
        } finally {
            events.setEnabledEventTypes(storedTypes);
            realm.admin().updateRealmEventsConfig(events);
        }

        Http.Response others = refresh(otherUser);
        assertThat(others.status()).as("another user's grant to the app stays: " + others.body()).isEqualTo(200);
    }

    @Test
    void aNewLoginAfterTheRevocationStartsANewGrant() {
        JsonNode first = app().tokens(ONLINE, users.patient());
        assertThat(refresh(first).status()).isEqualTo(200);
        assertInvalidGrant(refresh(first));

        JsonNode again = new SmartAppFlow(realm.getBaseUrl(), APP).tokens(ONLINE, users.patient());
        Http.Response refreshed = refresh(again);
        assertThat(refreshed.status()).as(refreshed.body()).isEqualTo(200);
    }

    @Test
    void aRefreshThePackRefusesAfterKeycloakRotatedSpendsTheToken() {
        JsonNode tokens = app().tokens(ONLINE, users.patient());

        Http.Response widened = tokenEndpoint().refreshAsPublicClient(tokens.path("refresh_token").asText(), APP,
                "openid patient/*.cruds");
        assertThat(widened.status()).as(widened.body()).isEqualTo(400);
        assertThat(widened.json().path("error").asText()).isEqualTo("invalid_scope");

        assertInvalidGrant(refresh(tokens));
    }

    /** A second patient user with a record of their own, so the grant of {@code users.patient()} is not theirs. */
    private DemoUsers.DemoUser otherPatient() {
        DemoUsers.DemoUser patient = users.patient();
        String username = "rotation-other-patient";
        new RealmFixtures(realm).user(username, username,
                Map.of("fhirUser", List.of(patient.fhirUser()), "patientIds", patient.patientIds()), "patient");
        return new DemoUsers.DemoUser(username, username, patient.fhirUser(), patient.patientIds());
    }
}
