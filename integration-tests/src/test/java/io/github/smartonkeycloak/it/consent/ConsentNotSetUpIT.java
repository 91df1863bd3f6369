package io.github.smartonkeycloak.it.consent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import io.github.smartonkeycloak.it.support.BrowserlessLogin.Page;
import io.github.smartonkeycloak.it.support.BrowserlessLogin;
import io.github.smartonkeycloak.it.support.DemoUsers;
import io.github.smartonkeycloak.it.support.Pkce;
import io.github.smartonkeycloak.it.support.RealmFixtures;
import io.github.smartonkeycloak.it.support.SmartAppFlow;
import io.github.smartonkeycloak.it.support.SmartRealm;
import io.github.smartonkeycloak.it.support.SmartServerConfig;
import io.github.smartonkeycloak.it.support.TestApps;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.EventRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;
import org.keycloak.testframework.realm.RealmBuilder;
import org.keycloak.testframework.realm.RealmConfig;

/**
 * A realm set up without the client scope {@code smart-consent-decisions}: the SMART consent step fails closed. The
 * user reads why, the app gets {@code access_denied} and no code, the event says what is missing, and the login
 * does not create the scope (a login never changes the realm's configuration).
 */
@KeycloakIntegrationTest(config = SmartServerConfig.class)
class ConsentNotSetUpIT {

    private static final String DECISIONS_SCOPE = "smart-consent-decisions";
    private static final String APP = "consent-not-set-up-app";
    /** User-level scopes: no patient picker, so no call to the FHIR server, which trusts the realm {@code smart} only. */
    private static final String REQUEST = "openid user/Patient.rs";

    @InjectRealm(ref = "no-consent-scope", fromJson = SmartRealm.JSON, config = WithoutDecisionsScope.class)
    ManagedRealm realm;

    private final DemoUsers.DemoUser clinician = DemoUsers.load().practitioner();

    /** The demo realm under another name, without the decisions scope. */
    public static final class WithoutDecisionsScope implements RealmConfig {
        @Override
        public RealmBuilder configure(RealmBuilder realm) {
            RealmRepresentation representation = realm.build();
            representation.setClientScopes(representation.getClientScopes().stream()
                    .filter(scope -> !DECISIONS_SCOPE.equals(scope.getName())).toList());
            return new SmartRealm.FreshId().configure(realm.name("smart-no-consent-scope"));
        }
    }

    @BeforeEach
    void registerAnAppThatAsksForConsent() {
        new RealmFixtures(realm).publicClient(APP, List.of("user/*.rs"), true);
    }

    @Test
    void theConsentStepShowsAReadableErrorAndTheAppGetsNoCode() {
        BrowserlessLogin login = new BrowserlessLogin(realm.getBaseUrl());

        Page error = login.openUntil("error", app().request(REQUEST, Pkce.s256()), clinician.username(), clinician.password());

        assertThat(error.response().status()).isEqualTo(500);
        assertThat(error.html().text()).contains("not set up to record it");
        assertThat(error.all("data-smart-action")).containsExactly("cancel");
        assertThat(login.pagesSeen()).doesNotContain("consent");

        Page again = login.page(error.submit("#smart-error-actions", List.of(Map.entry("smart-action", "approve"))));
        assertThat(again.smartPage()).as("an approval posted anyway is refused").isEqualTo("error");
        assertThat(again.response().status()).isEqualTo(500);

        Map<String, String> redirect = login.continueFrom(
                again.submit("#smart-error-actions", List.of(Map.entry("smart-action", "cancel"))), TestApps.REDIRECT_URI);
        assertThat(redirect).containsEntry("error", "access_denied").containsEntry("state", "state-1").doesNotContainKey("code");
        assertThat(redirect.get("error_description")).contains(DECISIONS_SCOPE);
    }

    @Test
    void anErrorEventNamesTheMissingScopeAndTheLoginCreatesNothing() {
        BrowserlessLogin login = new BrowserlessLogin(realm.getBaseUrl());

        login.openUntil("error", app().request(REQUEST, Pkce.s256()), clinician.username(), clinician.password());

        List<EventRepresentation> errors = realm.admin().getEvents(List.of("LOGIN_ERROR"), APP, null, null, null, null, 0, 10);
        assertThat(errors).anySatisfy(event -> {
            assertThat(event.getError()).isEqualTo("invalid_config");
            assertThat(event.getDetails()).containsEntry("smart_error",
                    "the realm has no client scope " + DECISIONS_SCOPE + " to keep consent decisions in");
        });
        assertThat(realm.admin().clientScopes().findAll()).noneMatch(scope -> DECISIONS_SCOPE.equals(scope.getName()));
    }

    private SmartAppFlow app() {
        return new SmartAppFlow(realm.getBaseUrl(), APP);
    }
}
