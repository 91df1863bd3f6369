package io.github.smartonkeycloak.it.launch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.security.Signature;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.smartonkeycloak.capability.SmartCapability;
import io.github.smartonkeycloak.it.support.BrowserlessLogin;
import io.github.smartonkeycloak.it.support.DemoUsers;
import io.github.smartonkeycloak.it.support.Http;
import io.github.smartonkeycloak.it.support.Jwt;
import io.github.smartonkeycloak.it.support.LaunchApi;
import io.github.smartonkeycloak.it.support.Pkce;
import io.github.smartonkeycloak.it.support.Proves;
import io.github.smartonkeycloak.it.support.RealmFixtures;
import io.github.smartonkeycloak.it.support.SmartAppFlow;
import io.github.smartonkeycloak.it.support.SmartRealm;
import io.github.smartonkeycloak.it.support.SmartServerConfig;
import io.github.smartonkeycloak.it.support.TokenEndpoint;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.jose.jwk.JSONWebKeySet;
import org.keycloak.jose.jwk.JWK;
import org.keycloak.jose.jwk.JWKParser;
import org.keycloak.jose.jws.JWSInput;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.EventRepresentation;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.injection.LifeCycle;
import org.keycloak.testframework.realm.ManagedRealm;
import org.keycloak.util.JsonSerialization;

/**
 * EHR launch end to end on a real Keycloak: an EHR registers a launch, the app sends {@code launch} and {@code aud},
 * a clinician signs in, and the context comes back in the token response, on refresh and in introspection.
 */
@KeycloakIntegrationTest(config = SmartServerConfig.class)
class EhrLaunchIT {

    private static final String APP = "ehr-test-app";
    private static final String EHR_SCOPE = "launch openid fhirUser patient/*.rs";
    private static final Map<String, Object> FULL_CONTEXT = Map.of(
            "client_id", APP,
            "patient", "amy-shaw",
            "encounter", "Encounter/amy-shaw-e1",
            "fhirContext", List.of(Map.of("reference", "Observation/o-1", "role", "https://example.org/roles/focus")),
            "need_patient_banner", true,
            "smart_style_url", "https://ehr.example/style.json",
            "intent", "reconcile-medications",
            "tenant", "clinic-7");

    @InjectRealm(fromJson = SmartRealm.JSON, lifecycle = LifeCycle.GLOBAL)
    ManagedRealm realm;

    private final DemoUsers users = DemoUsers.load();

    @BeforeEach
    void registerTheApp() {
        new RealmFixtures(realm).publicClient(APP, List.of("launch", "launch/patient", "launch/encounter", "fhirUser",
                "offline_access", "online_access", "patient/*.rs", "user/*.rs"));
    }

    private String launch(Map<String, Object> body) {
        return new LaunchApi(realm.getBaseUrl()).register(body);
    }

    private SmartAppFlow app(String launchId) {
        return new SmartAppFlow(realm.getBaseUrl(), APP).with("launch", launchId);
    }

    private static void assertFullContext(JsonNode fields) {
        assertThat(fields.path("patient").isTextual()).isTrue();
        assertThat(fields.path("patient").asText()).isEqualTo("amy-shaw");
        assertThat(fields.path("encounter").asText()).isEqualTo("amy-shaw-e1");
        assertThat(fields.path("fhirContext").isArray()).isTrue();
        assertThat(fields.path("fhirContext").get(0).path("reference").asText()).isEqualTo("Observation/o-1");
        assertThat(fields.path("fhirContext").get(0).path("role").asText()).isEqualTo("https://example.org/roles/focus");
        assertThat(fields.path("need_patient_banner").isBoolean()).isTrue();
        assertThat(fields.path("need_patient_banner").asBoolean()).isTrue();
        assertThat(fields.path("smart_style_url").asText()).isEqualTo("https://ehr.example/style.json");
        assertThat(fields.path("intent").asText()).isEqualTo("reconcile-medications");
        assertThat(fields.path("tenant").asText()).isEqualTo("clinic-7");
    }

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

    /** Inferno T3: token responses must not be cached. */
    @Test
    void tokenResponsesAreNotCached() {
        SmartAppFlow flow = app(launch(FULL_CONTEXT));
        SmartAppFlow.Authorization authorization = flow.authorize(EHR_SCOPE, users.practitioner());

        Http.Response token = new TokenEndpoint(realm.getBaseUrl()).exchangeCodeAsPublicClient(
                authorization.redirect().get("code"), authorization.pkce(), APP);

        assertThat(token.status()).isEqualTo(200);
        assertThat(token.header("Cache-Control")).hasValueSatisfying(value -> assertThat(value).contains("no-store"));
        assertThat(token.header("Pragma")).hasValueSatisfying(value -> assertThat(value).contains("no-cache"));
    }

    /** Inferno O2 and O3: the issuer's OpenID configuration has the required fields and RS256. */
    @Test
    void theIssuersOpenIdConfigurationHasWhatInfernoRequires() {
        JsonNode config = Http.plain().get(realm.getBaseUrl() + "/.well-known/openid-configuration").json();

        for (String field : List.of("issuer", "authorization_endpoint", "token_endpoint", "jwks_uri",
                "response_types_supported", "subject_types_supported", "id_token_signing_alg_values_supported")) {
            assertThat(config.has(field)).as(field).isTrue();
        }
        assertThat(config.path("id_token_signing_alg_values_supported").toString()).contains("\"RS256\"");
    }

    @Test
    void withoutAStyleTheRealmsStyleDocumentIsUsedAndServedAsJson() {
        Map<String, Object> context = new HashMap<>(FULL_CONTEXT);
        context.remove("smart_style_url");
        context.remove("need_patient_banner");
        JsonNode tokens = app(launch(context)).tokens(EHR_SCOPE, users.practitioner());

        assertThat(tokens.path("need_patient_banner").isBoolean()).isTrue();
        assertThat(tokens.path("need_patient_banner").asBoolean()).isFalse();
        String styleUrl = tokens.path("smart_style_url").asText();
        assertThat(styleUrl).isEqualTo(realm.getBaseUrl() + "/smart-launch/style");
        Http.Response style = Http.plain().get(styleUrl);
        assertThat(style.status()).isEqualTo(200);
        assertThat(style.header("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        assertThat(style.json().path("color_background").isTextual()).isTrue();
        assertThat(style.json().path("dim_border_radius").isTextual()).isTrue();
    }

    @Test
    @Proves(SmartCapability.CONTEXT_STYLE)
    void theStyleDocumentIsConfigurablePerRealm() {
        new RealmFixtures(realm).realmAttribute("smart.style", "{\"color_background\":\"#123456\"}");

        Http.Response style = Http.plain().get(realm.getBaseUrl() + "/smart-launch/style", "Origin", "https://app.example");

        assertThat(style.json().path("color_background").asText()).isEqualTo("#123456");
        assertThat(style.header("Access-Control-Allow-Origin")).isPresent();
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
    @Proves(SmartCapability.SSO_OPENID_CONNECT)
    void theIdTokenCarriesFhirUserAndIsSignedRs256WithAKidFromTheRealmsJwks() throws Exception {
        JsonNode tokens = app(launch(FULL_CONTEXT)).tokens(EHR_SCOPE, users.practitioner());
        String idToken = tokens.path("id_token").asText();

        JsonNode header = Jwt.header(idToken);
        assertThat(header.path("alg").asText()).isEqualTo("RS256");
        JSONWebKeySet jwks = JsonSerialization.readValue(
                Http.plain().get(realm.getBaseUrl() + "/protocol/openid-connect/certs").body(), JSONWebKeySet.class);
        JWK key = java.util.Arrays.stream(jwks.getKeys()).filter(k -> header.path("kid").asText().equals(k.getKeyId()))
                .findFirst().orElseThrow(() -> new AssertionError("kid not in the realm's JWKS"));
        PublicKey publicKey = JWKParser.create(key).toPublicKey();
        JWSInput jws = new JWSInput(idToken);
        Signature verifier = Signature.getInstance("SHA256withRSA");
        verifier.initVerify(publicKey);
        verifier.update(jws.getEncodedSignatureInput().getBytes(StandardCharsets.US_ASCII));
        assertThat(verifier.verify(jws.getSignature())).isTrue();

        JsonNode claims = Jwt.payload(idToken);
        assertThat(claims.path("fhirUser").asText()).isEqualTo(users.practitioner().fhirUser());
        assertThat(claims.path("iss").asText()).isEqualTo(realm.getBaseUrl());
        assertThat(claims.path("aud").toString()).contains(APP);
    }

    @Test
    void aWrongAudNeverYieldsACode() {
        assertRefused(request(launch(FULL_CONTEXT), "https://inferno.healthit.gov/invalid_aud"), "aud 'https://inferno.healthit.gov/invalid_aud' is not a FHIR server");
        assertRefused(request(launch(FULL_CONTEXT), null), "aud is required");
    }

    @Test
    void aTrailingSlashAndResourceInsteadOfAudAreAccepted() {
        JsonNode withSlash = new SmartAppFlow(realm.getBaseUrl(), APP).with("aud", SmartAppFlow.FHIR_BASE_URL + "/")
                .with("launch", launch(FULL_CONTEXT)).tokens(EHR_SCOPE, users.practitioner());
        JsonNode withResource = new SmartAppFlow(realm.getBaseUrl(), APP).without("aud").with("resource", SmartAppFlow.FHIR_BASE_URL)
                .with("launch", launch(FULL_CONTEXT)).tokens(EHR_SCOPE, users.practitioner());

        assertThat(withSlash.path("patient").asText()).isEqualTo("amy-shaw");
        assertThat(withResource.path("patient").asText()).isEqualTo("amy-shaw");
    }

    @Test
    void unknownUsedForeignAndExpiredLaunchesNeverYieldACode() throws Exception {
        assertRefused(request("A".repeat(43), SmartAppFlow.FHIR_BASE_URL), "launch is unknown, expired or already used");

        String used = launch(FULL_CONTEXT);
        app(used).tokens(EHR_SCOPE, users.practitioner());
        assertRefused(request(used, SmartAppFlow.FHIR_BASE_URL), "launch is unknown, expired or already used");

        Map<String, Object> forAnotherApp = new HashMap<>(FULL_CONTEXT);
        forAnotherApp.put("client_id", "demo-backend");
        assertRefused(request(launch(forAnotherApp), SmartAppFlow.FHIR_BASE_URL), "launch was registered for another app");

        new RealmFixtures(realm).realmAttribute("smart.launchLifespan", "1");
        String expiring = launch(FULL_CONTEXT);
        Thread.sleep(2_500);
        assertRefused(request(expiring, SmartAppFlow.FHIR_BASE_URL), "launch is unknown, expired or already used");
    }

    @Test
    void theLaunchScopeWithoutALaunchParameterIsRefused() {
        Map<String, String> params = TokenEndpoint.authorizationRequest(APP, EHR_SCOPE, Pkce.s256(), "s-1");
        params.put("aud", SmartAppFlow.FHIR_BASE_URL);

        assertRefused(new BrowserlessLogin(realm.getBaseUrl()).send(params), "the launch scope needs the launch parameter");
    }

    @Test
    void ofTwoConcurrentUsesOfOneLaunchExactlyOneWins() throws Exception {
        String launchId = launch(FULL_CONTEXT);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            // The launch is spent once the user is known: two browsers sign in with it at the same time.
            Callable<Map<String, String>> attempt = () -> app(launchId).inBrowser(new BrowserlessLogin(realm.getBaseUrl()))
                    .authorize(EHR_SCOPE, users.practitioner()).redirect();
            List<Map<String, String>> redirects = new ArrayList<>();
            for (Future<Map<String, String>> result : pool.invokeAll(List.of(attempt, attempt))) {
                redirects.add(result.get());
            }
            assertThat(redirects).filteredOn(redirect -> redirect.containsKey("code")).hasSize(1);
            assertThat(redirects).filteredOn(redirect -> redirect.containsKey("error")).singleElement()
                    .satisfies(loser -> assertThat(loser.get("error_description")).isEqualTo("launch is unknown, expired or already used"));
        } finally {
            pool.shutdownNow();
        }
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

    private Http.Response request(String launchId, String aud) {
        Map<String, String> params = TokenEndpoint.authorizationRequest(APP, EHR_SCOPE, Pkce.s256(), "s-1");
        params.put("launch", launchId);
        if (aud != null) {
            params.put("aud", aud);
        }
        return new BrowserlessLogin(realm.getBaseUrl()).send(params);
    }

    private void assertRefused(Http.Response response, String description) {
        assertThat(response.status()).as(response.body()).isEqualTo(302);
        Map<String, String> redirect = BrowserlessLogin.queryParameters(java.net.URI.create(response.header("Location").orElseThrow()));
        assertThat(redirect).containsEntry("error", "invalid_request").containsEntry("state", "s-1")
                .containsEntry("iss", realm.getBaseUrl()).doesNotContainKey("code");
        assertThat(redirect.get("error_description")).startsWith(description);
    }
}
