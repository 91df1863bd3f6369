package io.github.smartonkeycloak.it.resourceserver;

import static io.github.smartonkeycloak.it.support.SmartAppFlow.scopes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.smartonkeycloak.it.support.BrowserlessLogin;
import io.github.smartonkeycloak.it.support.DemoUsers;
import io.github.smartonkeycloak.it.support.Http;
import io.github.smartonkeycloak.it.support.Jwt;
import io.github.smartonkeycloak.it.support.Pkce;
import io.github.smartonkeycloak.it.support.RealmFixtures;
import io.github.smartonkeycloak.it.support.SmartAppFlow;
import io.github.smartonkeycloak.it.support.SmartRealm;
import io.github.smartonkeycloak.it.support.SmartServerConfig;
import io.github.smartonkeycloak.it.support.TokenEndpoint;
import io.github.smartonkeycloak.settings.realm.SmartRealmSettingsTabFactory;
import jakarta.ws.rs.BadRequestException;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.ComponentRepresentation;
import org.keycloak.services.ui.extend.UiTabProvider;
import org.keycloak.representations.idm.EventRepresentation;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.injection.LifeCycle;
import org.keycloak.testframework.realm.ManagedRealm;

/**
 * Resource-server profiles on a real Keycloak: real access tokens, decoded, checked against each server's published
 * rules. Each rule below names its source; docs/resource-server-profiles.md has the same table.
 */
@KeycloakIntegrationTest(config = SmartServerConfig.class)
class ResourceServerProfilesIT {

    private static final String SCOPE = "launch/patient openid fhirUser patient/Patient.rs patient/Observation.rs";
    private static final String HEALTHLAKE_ENDPOINT = "https://healthlake.us-east-1.amazonaws.com/datastore/0123456789abcdef0123456789abcdef/r4/";

    @InjectRealm(fromJson = SmartRealm.JSON, config = SmartRealm.FreshId.class, lifecycle = LifeCycle.GLOBAL)
    ManagedRealm realm;

    private final DemoUsers users = DemoUsers.load();

    /** One published rule of a server: what its check needs of the access token, and where it is written. */
    private record Rule(String what, Predicate<JsonNode> holds, String source) {
    }

    private static final String AZURE_IDP_DOCS = "learn.microsoft.com/azure/healthcare-apis/fhir/configure-identity-providers";
    private static final String AZURE_SOURCE = "microsoft/fhir-server src/Microsoft.Health.Fhir.Core/Configs/SecurityConfiguration (ScopesClaim scp, FhirUserClaim fhirUser)";
    private static final String GATEWAY_SOURCE = "google/fhir-gateway plugins/.../PatientAccessChecker.java (PATIENT_CLAIM, SCOPES_CLAIM), FhirUtil.ID_PATTERN";
    private static final String HEALTHLAKE_DOCS = "docs.aws.amazon.com/healthlake/latest/devguide/reference-smart-on-fhir-request-example.html";

    private static List<Rule> azureRules(String clientId, String fhirBase) {
        return List.of(
                new Rule("scp is a space-separated string of SMART v1 scopes", token -> token.path("scp").isTextual()
                        && scopes(token.path("scp").asText()).containsAll(List.of("patient/Patient.read", "patient/Observation.read"))
                        && scopes(token.path("scp").asText()).stream().noneMatch(scope -> scope.endsWith(".rs")), AZURE_IDP_DOCS + "; " + AZURE_SOURCE),
                new Rule("azp is the client id", token -> token.path("azp").asText().equals(clientId), AZURE_IDP_DOCS),
                new Rule("fhirUser is the fully qualified URL of a resource in the FHIR service",
                        token -> token.path("fhirUser").asText().equals(fhirBase + "/Patient/amy-shaw"),
                        "learn.microsoft.com/azure/healthcare-apis/fhir/troubleshoot-identity-provider-configuration"),
                new Rule("aud names the FHIR service URL", token -> texts(token.path("aud")).contains(fhirBase), AZURE_IDP_DOCS));
    }

    private static List<Rule> gatewayRules() {
        return List.of(
                new Rule("patient_id is a string, a bare FHIR id", token -> token.path("patient_id").isTextual()
                        && token.path("patient_id").asText().matches("[A-Za-z0-9\\-.]{1,64}"), GATEWAY_SOURCE),
                new Rule("patient_id is the patient in context", token -> token.path("patient_id").asText().equals("amy-shaw"), GATEWAY_SOURCE),
                new Rule("scope is a string of space-separated scopes", token -> token.path("scope").isTextual()
                        && scopes(token.path("scope").asText()).contains("patient/Patient.rs"), GATEWAY_SOURCE));
    }

    private static List<Rule> healthLakeRules() {
        return List.of(
                new Rule("aud is the data store endpoint, exactly", token -> texts(token.path("aud")).contains(HEALTHLAKE_ENDPOINT), HEALTHLAKE_DOCS),
                new Rule("fhirUser is the URI of a FHIR resource", token -> token.path("fhirUser").asText()
                        .equals(HEALTHLAKE_ENDPOINT + "Patient/amy-shaw"),
                        "docs.aws.amazon.com/healthlake/latest/devguide/reference-smart-on-fhir-fine-grained-authorization.html"),
                new Rule("scope, exp and iat are there for the validation function's answer", token -> token.path("scope").isTextual()
                        && token.path("exp").isNumber() && token.path("iat").isNumber(),
                        "docs.aws.amazon.com/healthlake/latest/devguide/reference-smart-on-fhir-token-validation.html"));
    }

    private static void assertRules(JsonNode token, List<Rule> rules) {
        List<String> broken = new ArrayList<>();
        rules.stream().filter(rule -> !rule.holds().test(token))
                .forEach(rule -> broken.add(rule.what() + " (" + rule.source() + ")"));
        assertThat(broken).as("rules broken by " + token).isEmpty();
    }

    private JsonNode launch(String clientId, String profile, String aud) {
        RealmFixtures fixtures = new RealmFixtures(realm);
        fixtures.publicClient(clientId, List.of("launch/patient", "fhirUser", "offline_access", "patient/*.rs"));
        if (profile != null) {
            fixtures.clientAttribute(clientId, "smart.resourceServerProfile", profile);
        }
        return new SmartAppFlow(realm.getBaseUrl(), clientId).with("aud", aud)
                .inBrowser(new BrowserlessLogin(realm.getBaseUrl()).choosingPatient("amy-shaw"))
                .tokens(SCOPE, users.patient());
    }

    /**
     * Keeps a real access token for resource-server-tests, which runs the servers' own token-reading classes (Google's
     * FHIR gateway) on it; they cannot share this module's class path.
     */
    static void keep(String profile, String accessToken) {
        try {
            Path directory = Path.of("target", "resource-server-tokens");
            Files.createDirectories(directory);
            Files.writeString(directory.resolve(profile + ".jwt"), accessToken);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private JsonNode introspect(String accessToken) {
        return new TokenEndpoint(realm.getBaseUrl()).introspect(accessToken, "demo-fhir-server", "demo-fhir-server-secret").json();
    }

    @Test
    void azureTokensCarryScpAzpAndAnAbsoluteFhirUser() {
        JsonNode tokens = launch("profile-azure-app", "azure", SmartAppFlow.FHIR_BASE_URL);

        JsonNode accessToken = Jwt.payload(tokens.path("access_token").asText());
        assertRules(accessToken, azureRules("profile-azure-app", SmartAppFlow.FHIR_BASE_URL));
        assertThat(scopes(accessToken.path("scope").asText())).as("SMART's own scope claim is unchanged")
                .contains("patient/Patient.rs", "patient/Observation.rs");
        assertThat(introspect(tokens.path("access_token").asText()).path("scp").asText()).isEqualTo(accessToken.path("scp").asText());
    }

    @Test
    void theFhirGatewaysTokensCarryPatientIdOnExchangeRefreshAndIntrospection() {
        JsonNode tokens = launch("profile-gateway-app", "fhir-gateway", SmartAppFlow.FHIR_BASE_URL);
        JsonNode refreshed = new TokenEndpoint(realm.getBaseUrl())
                .refreshAsPublicClient(tokens.path("refresh_token").asText(), "profile-gateway-app", null).json();

        assertRules(Jwt.payload(tokens.path("access_token").asText()), gatewayRules());
        assertRules(Jwt.payload(refreshed.path("access_token").asText()), gatewayRules());
        keep("fhir-gateway", refreshed.path("access_token").asText());
        assertThat(introspect(refreshed.path("access_token").asText()).path("patient_id").asText()).isEqualTo("amy-shaw");
    }

    /** The realm assigns the profile by FHIR base URL: the app names HealthLake's data store endpoint in aud. */
    @Test
    void healthLakeTokensNameTheDataStoreEndpointAsHealthLakeWritesIt() {
        RealmFixtures fixtures = new RealmFixtures(realm);
        fixtures.realmAttribute("smart.fhirBaseUrls", SmartAppFlow.FHIR_BASE_URL + " " + HEALTHLAKE_ENDPOINT);
        fixtures.realmAttribute("smart.resourceServerProfiles", HEALTHLAKE_ENDPOINT + "=healthlake");

        JsonNode tokens = launch("profile-healthlake-app", null, HEALTHLAKE_ENDPOINT);

        assertRules(Jwt.payload(tokens.path("access_token").asText()), healthLakeRules());
        JsonNode generic = Jwt.payload(launch("profile-generic-app", null, SmartAppFlow.FHIR_BASE_URL).path("access_token").asText());
        assertThat(texts(generic.path("aud"))).as("a token for the other FHIR server keeps the generic shape")
                .doesNotContain(HEALTHLAKE_ENDPOINT);
        assertThat(generic.has("scp") || generic.has("patient_id")).isFalse();
    }

    @Test
    void genericAndHapiTokensKeepSmartsOwnShape() {
        for (String profile : new String[] {null, "generic", "hapi"}) {
            String clientId = "profile-" + (profile == null ? "unset" : profile) + "-app";
            String jwt = launch(clientId, profile, SmartAppFlow.FHIR_BASE_URL).path("access_token").asText();
            JsonNode accessToken = Jwt.payload(jwt);
            if (profile == null) {
                keep("generic", jwt);
            }

            assertThat(accessToken.has("scp")).as(clientId).isFalse();
            assertThat(accessToken.has("patient_id")).as(clientId).isFalse();
            assertThat(accessToken.path("patient").asText()).as(clientId).isEqualTo("amy-shaw");
            assertThat(accessToken.path("scope").isTextual()).isTrue();
        }
    }

    private static final String GOOGLE_STORE = "https://healthcare.googleapis.com/v1/projects/p/locations/us/datasets/d/fhirStores/s/fhir";
    private static final String GOOGLE_DOCS = "cloud.google.com/healthcare-api/docs/smart-on-fhir (SMART App Launch v1.1.0; scopes ( 'read' | 'write' | '*' ))";

    /** The granted set, the same in the token response, the access token, a refresh and (tokens for the demo FHIR server) introspection. */
    private Set<String> grantedEverywhere(JsonNode tokens, String clientId) {
        Set<String> response = scopes(tokens.path("scope").asText());
        assertThat(scopes(Jwt.payload(tokens.path("access_token").asText()).path("scope").asText())).isEqualTo(response);
        JsonNode refreshed = new TokenEndpoint(realm.getBaseUrl()).refreshAsPublicClient(tokens.path("refresh_token").asText(), clientId, null).json();
        assertThat(scopes(refreshed.path("scope").asText())).as("refresh").isEqualTo(response);
        assertThat(scopes(Jwt.payload(refreshed.path("access_token").asText()).path("scope").asText())).isEqualTo(response);
        if (texts(Jwt.payload(refreshed.path("access_token").asText()).path("aud")).contains("demo-fhir-server")) {
            // Only the demo FHIR server's client may introspect, and only tokens that name it.
            assertThat(scopes(introspect(refreshed.path("access_token").asText()).path("scope").asText())).as("introspection")
                    .isEqualTo(response);
        }
        return response;
    }

    /** Google's Cloud Healthcare API takes SMART v1 scopes only: v2 is answered in v1 where v1 says the same. */
    @Test
    void googleGetsV1ScopesEverywhereAndAScopeV1CannotSayIsRefused() {
        JsonNode tokens = launch("profile-google-app", "google", SmartAppFlow.FHIR_BASE_URL);

        assertThat(grantedEverywhere(tokens, "profile-google-app")).as(GOOGLE_DOCS)
                .contains("patient/Patient.read", "patient/Observation.read", "launch/patient")
                .noneMatch(scope -> scope.endsWith(".rs"));

        Map<String, String> request = TokenEndpoint.authorizationRequest("profile-google-app", "launch/patient openid "
                + "patient/Observation.rs?category=http://terminology.hl7.org/CodeSystem/observation-category|laboratory",
                Pkce.s256(), "s-g");
        request.put("aud", SmartAppFlow.FHIR_BASE_URL);
        Http.Response response = new BrowserlessLogin(realm.getBaseUrl()).send(request);
        assertThat(response.status()).isEqualTo(302);
        Map<String, String> redirect = BrowserlessLogin.queryParameters(URI.create(response.header("Location").orElseThrow()));
        assertThat(redirect).containsEntry("error", "invalid_scope").containsEntry("state", "s-g").doesNotContainKey("code");
        assertThat(redirect.get("error_description")).startsWith("patient/Observation.rs?category=")
                .contains("this FHIR server takes SMART v1 scopes only");
        List<EventRepresentation> errors = realm.admin().getEvents(List.of("LOGIN_ERROR"), "profile-google-app", null, null,
                null, null, 0, 5);
        assertThat(errors).as("the event names the whole scope").anySatisfy(error -> assertThat(error.getDetails())
                .containsEntry("smart_invalid_scope", "patient/Observation.rs?category="
                        + "http://terminology.hl7.org/CodeSystem/observation-category|laboratory"));
    }

    /** Discovery advertises only what works: a realm whose FHIR server takes SMART v1 only advertises no v2. */
    @Test
    void aRealmWhoseServerIsGoogleAdvertisesV1ScopesAndNoV2() {
        new RealmFixtures(realm).realmAttribute("smart.resourceServerProfiles", SmartAppFlow.FHIR_BASE_URL + "=google");

        JsonNode discovery = Http.plain().get(realm.getBaseUrl() + "/.well-known/smart-configuration").json();

        assertThat(texts(discovery.path("capabilities"))).contains("permission-v1").doesNotContain("permission-v2");
        assertThat(texts(discovery.path("scopes_supported"))).contains("patient/Patient.read", "patient/Observation.read")
                .noneMatch(scope -> scope.contains("?category="))
                .doesNotContain("patient/Patient.rs");
    }

    /** The realm assigns google to one FHIR server only: the app's aud decides, at the exchange and every refresh. */
    @Test
    void theServerTheAppNamesDecidesTheScopesShapeOnExchangeAndRefresh() {
        RealmFixtures fixtures = new RealmFixtures(realm);
        fixtures.realmAttribute("smart.fhirBaseUrls", SmartAppFlow.FHIR_BASE_URL + " " + GOOGLE_STORE);
        fixtures.realmAttribute("smart.resourceServerProfiles", GOOGLE_STORE + "=google " + SmartAppFlow.FHIR_BASE_URL + "=generic");

        Set<String> forGoogle = grantedEverywhere(launch("profile-aud-google-app", null, GOOGLE_STORE), "profile-aud-google-app");
        Set<String> forTheOther = grantedEverywhere(launch("profile-aud-generic-app", null, SmartAppFlow.FHIR_BASE_URL),
                "profile-aud-generic-app");

        assertThat(forGoogle).contains("patient/Patient.read", "patient/Observation.read").noneMatch(scope -> scope.endsWith(".rs"));
        assertThat(forTheOther).contains("patient/Patient.rs", "patient/Observation.rs");
    }

    /** Azure: "SMART clinical scopes must use a single context" (microsoft/fhir-server). */
    @Test
    void azureKeepsThePatientContextWhenAPatientIsInContextElseTheUserContext() {
        RealmFixtures fixtures = new RealmFixtures(realm);
        fixtures.publicClient("profile-azure-clinician-app", List.of("launch/patient", "fhirUser", "patient/*.rs", "user/*.rs"));
        fixtures.clientAttribute("profile-azure-clinician-app", "smart.resourceServerProfile", "azure");
        SmartAppFlow app = new SmartAppFlow(realm.getBaseUrl(), "profile-azure-clinician-app");

        JsonNode withPatient = app.inBrowser(new BrowserlessLogin(realm.getBaseUrl()).choosingPatient("amy-shaw"))
                .tokens("launch/patient openid patient/Patient.rs user/Observation.rs user/Condition.rs", users.practitioner());
        JsonNode withoutPatient = new SmartAppFlow(realm.getBaseUrl(), "profile-azure-clinician-app")
                .tokens("openid patient/Patient.rs user/Observation.rs user/Condition.rs", users.practitioner());

        assertThat(grantedEverywhere(withPatient, "profile-azure-clinician-app")).contains("patient/Patient.rs")
                .noneMatch(scope -> scope.startsWith("user/"));
        assertThat(scopes(Jwt.payload(withPatient.path("access_token").asText()).path("scp").asText()))
                .contains("patient/Patient.read").noneMatch(scope -> scope.startsWith("user/"));
        assertThat(grantedEverywhere(withoutPatient, "profile-azure-clinician-app")).contains("user/Observation.rs", "user/Condition.rs")
                .noneMatch(scope -> scope.startsWith("patient/"));
    }

    /** The admin console's realm tab, next to the FHIR base URLs: a profile that does not exist is refused with the reason. */
    @Test
    void theRealmTabRefusesAProfileThatDoesNotExistAndSavesOneThatDoes() {
        new RealmFixtures(realm).realmAttribute("smart.resourceServerProfiles", "");
        String realmId = realm.admin().toRepresentation().getId();
        ComponentRepresentation tab = realm.admin().components().query(realmId, UiTabProvider.class.getName()).stream()
                .filter(component -> SmartRealmSettingsTabFactory.PROVIDER_ID.equals(component.getProviderId()))
                .findFirst().orElseThrow();
        tab.getConfig().putSingle("resourceServerProfiles", SmartAppFlow.FHIR_BASE_URL + "=azur");

        assertThatThrownBy(() -> realm.admin().components().component(tab.getId()).update(tab))
                .isInstanceOfSatisfying(BadRequestException.class, refused -> assertThat(refused.getResponse().readEntity(String.class))
                        .contains("smart.resourceServerProfiles", "azur is not a profile"));

        tab.getConfig().putSingle("resourceServerProfiles", SmartAppFlow.FHIR_BASE_URL + "=fhir-gateway");
        realm.admin().components().component(tab.getId()).update(tab);
        assertThat(realm.admin().toRepresentation().getAttributes())
                .containsEntry("smart.resourceServerProfiles", SmartAppFlow.FHIR_BASE_URL + "=fhir-gateway");
        assertRules(Jwt.payload(launch("profile-by-realm-app", null, SmartAppFlow.FHIR_BASE_URL).path("access_token").asText()),
                gatewayRules());
    }

    private static List<String> texts(JsonNode node) {
        List<String> values = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(value -> values.add(value.asText()));
        } else if (node.isTextual()) {
            values.add(node.asText());
        }
        return values;
    }

}
