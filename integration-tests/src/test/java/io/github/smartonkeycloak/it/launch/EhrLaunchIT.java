package io.github.smartonkeycloak.it.launch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.smartonkeycloak.capability.SmartCapability;
import io.github.smartonkeycloak.it.support.BrowserlessLogin;
import io.github.smartonkeycloak.it.support.Jwt;
import io.github.smartonkeycloak.it.support.Proves;
import io.github.smartonkeycloak.it.support.SmartAppFlow;
import io.github.smartonkeycloak.it.support.SmartServerConfig;
import io.github.smartonkeycloak.it.support.TokenEndpoint;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.EventRepresentation;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;

/**
 * EHR launch end to end on a real Keycloak: an EHR registers a launch, the app sends {@code launch} and {@code aud},
 * a clinician signs in, and the context comes back in the token response, on refresh and in introspection.
 */
@KeycloakIntegrationTest(config = SmartServerConfig.class)
class EhrLaunchIT extends EhrLaunchBase {

    @Test
    @Proves({SmartCapability.LAUNCH_EHR, SmartCapability.CONTEXT_EHR_PATIENT, SmartCapability.CONTEXT_EHR_ENCOUNTER,
            SmartCapability.CONTEXT_BANNER})
    void theTokenResponseCarriesTheLaunchContextWithItsJsonTypes() {
        JsonNode tokens = app(launch(FULL_CONTEXT)).tokens(EHR_SCOPE, users.practitioner());

        assertFullContext(tokens);
        assertThat(SmartAppFlow.scopes(tokens.path("scope").asText())).contains("launch", "openid", "fhirUser");
    }

    @Test
    @Proves(SmartCapability.AUTHORIZE_POST)
    void anAuthorizationRequestByPostWorksTheSame() {
        JsonNode tokens = app(launch(FULL_CONTEXT)).byPost().tokens(EHR_SCOPE, users.practitioner());

        assertFullContext(tokens);
    }

    @Test
    void theContextComesBackOnRefreshOnlineAndOfflineAndInIntrospection() {
        TokenEndpoint tokenEndpoint = new TokenEndpoint(realm.getBaseUrl());
        JsonNode online = app(launch(FULL_CONTEXT)).tokens(EHR_SCOPE, users.practitioner());
        JsonNode offline = app(launch(FULL_CONTEXT)).tokens(EHR_SCOPE + " offline_access", users.practitioner());
        assertThat(Jwt.payload(offline.path("refresh_token").asText()).path("typ").asText()).isEqualTo("Offline");

        for (JsonNode tokens : List.of(online, offline)) {
            JsonNode refreshed = tokenEndpoint.refreshAsPublicClient(tokens.path("refresh_token").asText(), APP, null).json();
            assertFullContext(refreshed);
            JsonNode again = tokenEndpoint.refreshAsPublicClient(refreshed.path("refresh_token").asText(), APP, null).json();
            assertFullContext(again);

            JsonNode introspection = tokenEndpoint.introspect(again.path("access_token").asText(),
                    "demo-fhir-server", "demo-fhir-server-secret").json();
            assertThat(introspection.path("active").asBoolean()).isTrue();
            assertFullContext(introspection);
            assertThat(introspection.path("fhirUser").asText()).isEqualTo(users.practitioner().fhirUser());
        }
    }

    /**
     * SMART 2.2's role-qualified context, as a form-filling app needs it: the EHR launches with the Questionnaire to
     * fill by canonical URL and role, the app asks for {@code launch/questionnaire?role=...}, and the scope is granted
     * as written and the item comes back in the token response, on refresh and in introspection.
     */
    @Test
    void aRoleQualifiedLaunchScopeIsGrantedAndTheQuestionnaireComesBackByCanonicalWithItsRole() {
        String role = "https://example.org/role/questionnaire-to-fill";
        String canonical = "https://example.org/Questionnaire/phq-9|2.0";
        Map<String, Object> body = new HashMap<>(FULL_CONTEXT);
        body.put("fhirContext", List.of(Map.of("type", "Questionnaire", "canonical", canonical, "role", role),
                Map.of("reference", "Observation/o-1")));
        String scope = EHR_SCOPE + " launch/questionnaire?role=" + role;

        JsonNode tokens = app(launch(body)).tokens(scope, users.practitioner());

        assertThat(SmartAppFlow.scopes(tokens.path("scope").asText())).contains("launch", "launch/questionnaire?role=" + role);
        TokenEndpoint tokenEndpoint = new TokenEndpoint(realm.getBaseUrl());
        JsonNode refreshed = tokenEndpoint.refreshAsPublicClient(tokens.path("refresh_token").asText(), APP, null).json();
        JsonNode introspection = tokenEndpoint.introspect(refreshed.path("access_token").asText(),
                "demo-fhir-server", "demo-fhir-server-secret").json();
        for (JsonNode answer : List.of(tokens, refreshed, introspection)) {
            JsonNode questionnaire = answer.path("fhirContext").get(0);
            assertThat(questionnaire.path("canonical").asText()).as(answer.toString()).isEqualTo(canonical);
            assertThat(questionnaire.path("type").asText()).isEqualTo("Questionnaire");
            assertThat(questionnaire.path("role").asText()).isEqualTo(role);
            assertThat(questionnaire.has("reference")).isFalse();
            assertThat(answer.path("fhirContext").get(1).path("reference").asText()).isEqualTo("Observation/o-1");
        }
        assertThat(SmartAppFlow.scopes(refreshed.path("scope").asText())).contains("launch/questionnaire?role=" + role);
    }

    /** Without an EHR launch nothing supplies that context: the scope is dropped, not an error. */
    @Test
    void aRoleQualifiedLaunchScopeWithoutAnEhrLaunchIsDroppedNotRefused() {
        JsonNode tokens = new SmartAppFlow(realm.getBaseUrl(), APP).inBrowser(
                new BrowserlessLogin(realm.getBaseUrl()).choosingPatient("amy-shaw"))
                .tokens("launch/patient openid patient/*.rs launch/questionnaire?role=https://example.org/role/q", users.patient());

        assertThat(SmartAppFlow.scopes(tokens.path("scope").asText())).contains("launch/patient")
                .noneMatch(granted -> granted.startsWith("launch/questionnaire"));
        assertThat(tokens.has("fhirContext")).isFalse();
    }

    @Test
    void fhirContextCanBeAnsweredInTheSmart20StringShapePerClient() {
        ClientRepresentation client = realm.admin().clients().findByClientId(APP).get(0);
        client.getAttributes().put("smart.fhirContextFormat", "strings");
        realm.admin().clients().get(client.getId()).update(client);

        JsonNode tokens = app(launch(FULL_CONTEXT)).tokens(EHR_SCOPE, users.practitioner());

        assertThat(tokens.path("fhirContext").get(0).isTextual()).isTrue();
        assertThat(tokens.path("fhirContext").get(0).asText()).isEqualTo("Observation/o-1");
    }

    @Test
    void twoLaunchesInOneBrowserSessionKeepTheirOwnPatient() {
        Map<String, Object> benLaunch = new HashMap<>(FULL_CONTEXT);
        benLaunch.put("patient", "ben-shaw");
        BrowserlessLogin browser = new BrowserlessLogin(realm.getBaseUrl());
        SmartAppFlow amyApp = app(launch(FULL_CONTEXT)).inBrowser(browser);
        SmartAppFlow benApp = app(launch(benLaunch)).inBrowser(browser);

        // Both codes are issued before either is exchanged; the second login reuses the SSO session.
        SmartAppFlow.Authorization amyCode = amyApp.authorize(EHR_SCOPE + " offline_access", users.practitioner());
        SmartAppFlow.Authorization benCode = benApp.authorize(EHR_SCOPE + " offline_access", users.practitioner());
        JsonNode ben = benApp.exchange(benCode);
        JsonNode amy = amyApp.exchange(amyCode);

        assertThat(amy.path("patient").asText()).isEqualTo("amy-shaw");
        assertThat(ben.path("patient").asText()).isEqualTo("ben-shaw");
        TokenEndpoint tokenEndpoint = new TokenEndpoint(realm.getBaseUrl());
        for (int i = 0; i < 2; i++) {
            amy = tokenEndpoint.refreshAsPublicClient(amy.path("refresh_token").asText(), APP, null).json();
            ben = tokenEndpoint.refreshAsPublicClient(ben.path("refresh_token").asText(), APP, null).json();
            assertThat(amy.path("patient").asText()).isEqualTo("amy-shaw");
            assertThat(ben.path("patient").asText()).isEqualTo("ben-shaw");
        }
        JsonNode plain = new SmartAppFlow(realm.getBaseUrl(), APP).inBrowser(browser).tokens("openid", users.practitioner());
        assertThat(plain.has("patient")).as("no context without a launch").isFalse();
    }

    @Test
    void loginEventsCarrySmartDetailsWithIdsOnly() {
        app(launch(FULL_CONTEXT)).tokens(EHR_SCOPE, users.practitioner());

        List<EventRepresentation> logins = realm.admin().getEvents(List.of("LOGIN"), APP, null, null, null, null, 0, 10);
        assertThat(logins).isNotEmpty();
        Map<String, String> details = logins.get(0).getDetails();
        assertThat(details).containsEntry("smart_patient", "amy-shaw").containsEntry("smart_encounter", "amy-shaw-e1");
        assertThat(details.get("smart_launch")).hasSize(8);
    }
}
