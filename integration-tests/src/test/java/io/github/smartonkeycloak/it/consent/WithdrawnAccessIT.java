package io.github.smartonkeycloak.it.consent;

import static io.github.smartonkeycloak.it.support.SmartAppFlow.scopes;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
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
import org.keycloak.representations.idm.UserRepresentation;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.injection.LifeCycle;
import org.keycloak.testframework.realm.ManagedRealm;

/**
 * Access taken away reaches tokens issued before: a later consent that unchecks a scope ends the app's earlier
 * refresh and offline tokens, and a record removed from a user's links stops the refresh of tokens for it.
 */
@KeycloakIntegrationTest(config = SmartServerConfig.class)
class WithdrawnAccessIT {

    private static final String SCOPE = "launch/patient openid offline_access patient/Patient.rs patient/Observation.rs patient/Condition.rs";

    @InjectRealm(fromJson = SmartRealm.JSON, config = SmartRealm.FreshId.class, lifecycle = LifeCycle.GLOBAL)
    ManagedRealm realm;

    private final DemoUsers.DemoUser amy = DemoUsers.load().patient();

    @Test
    void aLaterConsentThatUnchecksAScopeEndsTheEarlierOfflineTokens() {
        String app = "withdrawal-app";
        new RealmFixtures(realm).publicClient(app, List.of("launch/patient", "offline_access", "patient/*.rs"), true);
        BrowserlessLogin day1 = new BrowserlessLogin(realm.getBaseUrl()).choosingPatient("amy-shaw");
        JsonNode first = new SmartAppFlow(realm.getBaseUrl(), app).inBrowser(day1).tokens(SCOPE, amy);
        assertThat(scopes(first.path("scope").asText())).contains("patient/Condition.rs", "offline_access");

        BrowserlessLogin day2 = new BrowserlessLogin(realm.getBaseUrl()).choosingPatient("amy-shaw")
                .consenting(checked -> checked.stream().filter(scope -> !scope.startsWith("patient/Condition")).toList());
        JsonNode second = new SmartAppFlow(realm.getBaseUrl(), app).inBrowser(day2).with("prompt", "consent").tokens(SCOPE, amy);
        assertThat(scopes(second.path("scope").asText())).doesNotContain("patient/Condition.rs");

        Http.Response oldRefresh = new TokenEndpoint(realm.getBaseUrl())
                .refreshAsPublicClient(first.path("refresh_token").asText(), app, null);
        assertThat(oldRefresh.status()).as(oldRefresh.body()).isEqualTo(400);
        assertThat(oldRefresh.json().path("error").asText()).isEqualTo("invalid_grant");
        Http.Response newRefresh = new TokenEndpoint(realm.getBaseUrl())
                .refreshAsPublicClient(second.path("refresh_token").asText(), app, null);
        assertThat(newRefresh.status()).as(newRefresh.body()).isEqualTo(200);
        assertThat(scopes(newRefresh.json().path("scope").asText())).doesNotContain("patient/Condition.rs");
    }

    @Test
    void aRecordRemovedFromTheUsersLinksStopsTheRefreshForIt() {
        String app = "authority-app";
        new RealmFixtures(realm).publicClient(app, List.of("launch/patient", "offline_access", "patient/*.rs"));
        new RealmFixtures(realm).user("proxy-parent", "proxy-parent",
                Map.of("fhirUser", List.of("Patient/amy-shaw"), "patientIds", List.of("ben-shaw")), "patient");
        DemoUsers.DemoUser parent = new DemoUsers.DemoUser("proxy-parent", "proxy-parent", "Patient/amy-shaw", List.of("amy-shaw", "ben-shaw"));
        BrowserlessLogin login = new BrowserlessLogin(realm.getBaseUrl()).choosingPatient("ben-shaw");
        JsonNode tokens = new SmartAppFlow(realm.getBaseUrl(), app).inBrowser(login).tokens(SCOPE, parent);
        assertThat(tokens.path("patient").asText()).isEqualTo("ben-shaw");
        TokenEndpoint endpoint = new TokenEndpoint(realm.getBaseUrl());
        Http.Response refreshed = endpoint.refreshAsPublicClient(tokens.path("refresh_token").asText(), app, null);
        assertThat(refreshed.status()).isEqualTo(200);

        UserRepresentation user = realm.admin().users().search("proxy-parent", true).get(0);
        Map<String, List<String>> attributes = new HashMap<>(user.getAttributes());
        attributes.remove("patientIds");
        user.setAttributes(attributes);
        realm.admin().users().get(user.getId()).update(user);

        // The rotated token: the first one is spent, and reusing it would revoke the grant for another reason.
        Http.Response refused = endpoint.refreshAsPublicClient(refreshed.json().path("refresh_token").asText(), app, null);
        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(refused.json().path("error").asText()).isEqualTo("invalid_grant");
        assertThat(refused.json().path("error_description").asText()).contains("may no longer act for the patient");
    }
}
