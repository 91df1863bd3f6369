package io.github.smartonkeycloak.it.launch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.smartonkeycloak.it.support.BrowserlessLogin.Page;
import io.github.smartonkeycloak.it.support.BrowserlessLogin;
import io.github.smartonkeycloak.it.support.DemoUsers;
import io.github.smartonkeycloak.it.support.Http;
import io.github.smartonkeycloak.it.support.Pkce;
import io.github.smartonkeycloak.it.support.RealmFixtures;
import io.github.smartonkeycloak.it.support.SmartAppFlow.Authorization;
import io.github.smartonkeycloak.it.support.SmartAppFlow;
import io.github.smartonkeycloak.it.support.SmartRealm;
import io.github.smartonkeycloak.it.support.TestApps;
import io.github.smartonkeycloak.it.support.TestFhirServer;
import io.github.smartonkeycloak.it.support.TokenEndpoint;
import org.junit.jupiter.api.BeforeEach;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.injection.LifeCycle;
import org.keycloak.testframework.realm.ManagedRealm;

/** What the browserless standalone launch tests share: the realm, two test apps, the steps of a launch, FHIR data. */
abstract class StandaloneLaunchBase {

    static final String APP = "standalone-test-app";
    static final String OTHER_APP = "standalone-second-app";
    static final String PATIENT_SCOPES = "launch/patient openid fhirUser patient/*.rs";

    @InjectRealm(fromJson = SmartRealm.JSON, config = SmartRealm.FreshId.class, lifecycle = LifeCycle.GLOBAL)
    ManagedRealm realm;

    final DemoUsers users = DemoUsers.load();

    @BeforeEach
    void registerApps() {
        RealmFixtures fixtures = new RealmFixtures(realm);
        List<String> scopes = List.of("launch", "launch/patient", "launch/encounter", "fhirUser", "patient/*.rs", "user/*.rs");
        fixtures.publicClient(APP, scopes);
        fixtures.publicClient(OTHER_APP, scopes);
    }

    SmartAppFlow app() {
        return new SmartAppFlow(realm.getBaseUrl(), APP);
    }

    BrowserlessLogin browser() {
        return new BrowserlessLogin(realm.getBaseUrl());
    }

    Page openPicker(BrowserlessLogin login, String scope, Pkce pkce, DemoUsers.DemoUser user) {
        return login.openUntil("patient-picker", app().request(scope, pkce), user.username(), user.password());
    }

    JsonNode finish(BrowserlessLogin login, Http.Response afterChoice, Pkce pkce) {
        Map<String, String> redirect = login.continueFrom(afterChoice, TestApps.REDIRECT_URI);
        return app().exchange(new Authorization(redirect, pkce));
    }

    /** Reads the demo FHIR server as a backend service does (the demo realm's demo-backend). */
    static JsonNode fhir(String path) {
        String token = new TokenEndpoint("http://localhost:8080/realms/" + SmartRealm.NAME)
                .clientCredentials("demo-backend", "demo-backend-secret", "system/*.rs").json().path("access_token").asText();
        Http.Response response = Http.plain().get(TestFhirServer.baseUrl() + path, "Authorization", "Bearer " + token,
                "Accept", "application/fhir+json");
        assertThat(response.status()).as(path + ": " + response.body()).isEqualTo(200);
        return response.json();
    }
}
