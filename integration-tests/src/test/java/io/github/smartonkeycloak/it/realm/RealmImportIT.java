package io.github.smartonkeycloak.it.realm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.smartonkeycloak.it.support.BrowserlessLogin;
import io.github.smartonkeycloak.it.support.DemoUsers;
import io.github.smartonkeycloak.it.support.Http;
import io.github.smartonkeycloak.it.support.Jwt;
import io.github.smartonkeycloak.it.support.Pkce;
import io.github.smartonkeycloak.it.support.SmartRealm;
import io.github.smartonkeycloak.it.support.SmartServerConfig;
import io.github.smartonkeycloak.it.support.TestApps;
import io.github.smartonkeycloak.it.support.TokenEndpoint;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.ClientScopeRepresentation;
import org.keycloak.representations.idm.ProtocolMapperRepresentation;
import org.keycloak.representations.idm.RoleRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.keycloak.testframework.annotations.InjectClient;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.injection.LifeCycle;
import org.keycloak.testframework.realm.ManagedClient;
import org.keycloak.testframework.realm.ManagedRealm;

/**
 * The shipped realm imports into a fresh Keycloak without losing anything Keycloak creates by itself, and its demo
 * users match {@code demo-users.json} and can really sign in.
 */
@KeycloakIntegrationTest(config = SmartServerConfig.class)
class RealmImportIT {

    @InjectRealm(fromJson = SmartRealm.JSON, config = SmartRealm.FreshId.class, lifecycle = LifeCycle.GLOBAL)
    ManagedRealm realm;

    /** A realm as Keycloak 26.7.0 creates it, to compare the built-ins against. */
    @InjectRealm(ref = "fresh")
    ManagedRealm fresh;

    @InjectClient(config = TestApps.PublicApp.class)
    ManagedClient app;

    private final DemoUsers demoUsers = DemoUsers.load();

    @Test
    void keepsEveryBuiltInClientScopeWithItsMappers() {
        Map<String, ClientScopeRepresentation> imported = byName(realm.admin().clientScopes().findAll());

        for (ClientScopeRepresentation builtIn : fresh.admin().clientScopes().findAll()) {
            ClientScopeRepresentation scope = imported.get(builtIn.getName());
            assertThat(scope).as(builtIn.getName()).isNotNull();
            assertThat(scope.getProtocol()).isEqualTo(builtIn.getProtocol());
            assertThat(scope.getAttributes()).as(builtIn.getName()).isEqualTo(builtIn.getAttributes());
            Map<String, ProtocolMapperRepresentation> importedMappers = mappers(scope);
            assertThat(importedMappers.keySet()).as(builtIn.getName()).isEqualTo(mappers(builtIn).keySet());
            // Keycloak's import may add default settings (e.g. userinfo.token.claim); it must keep all of its own.
            mappers(builtIn).forEach((name, mapper) -> {
                assertThat(importedMappers.get(name).getProtocolMapper()).as(name).isEqualTo(mapper.getProtocolMapper());
                assertThat(importedMappers.get(name).getConfig()).as(name).containsAllEntriesOf(mapper.getConfig());
            });
        }
    }

    @Test
    void keepsTheBuiltInDefaultScopesRolesAndClients() {
        assertThat(names(realm.admin().getDefaultDefaultClientScopes()))
                .containsAll(names(fresh.admin().getDefaultDefaultClientScopes()))
                .contains("smart-fhir-audience");
        assertThat(names(realm.admin().getDefaultOptionalClientScopes()))
                .containsAll(names(fresh.admin().getDefaultOptionalClientScopes()));
        assertThat(realm.admin().roles().list().stream().map(RoleRepresentation::getName))
                .contains("offline_access", "uma_authorization", "default-roles-smart");
        assertThat(realm.admin().roles().get("default-roles-smart").getRoleComposites().stream().map(RoleRepresentation::getName))
                .contains("offline_access", "uma_authorization", "view-profile", "manage-account");
        assertThat(realm.admin().clients().findAll().stream().map(c -> c.getClientId()))
                .contains("account", "account-console", "admin-cli", "broker", "realm-management", "security-admin-console");
    }

    @Test
    void keepsKeycloaksFlowsAndBindsTheSmartBrowserFlow() {
        List<String> imported = realm.admin().flows().getFlows().stream().map(flow -> flow.getAlias()).toList();

        assertThat(imported).containsAll(fresh.admin().flows().getFlows().stream().map(flow -> flow.getAlias()).toList())
                .contains("smart browser", "smart post broker login");
        assertThat(realm.admin().toRepresentation().getBrowserFlow()).isEqualTo("smart browser");
        assertThat(realm.admin().flows().getExecutions("smart browser"))
                .anySatisfy(execution -> assertThat(execution.getProviderId()).isEqualTo("smart-launch-context"));
        // Ready for an admin to bind to an identity provider (docs/install.md, "Federated sign-in").
        assertThat(realm.admin().flows().getExecutions("smart post broker login").stream()
                .map(execution -> execution.getProviderId()).toList())
                .containsExactly("smart-launch-context", "smart-patient-picker", "smart-encounter-picker", "smart-consent");
    }

    @Test
    void demoUsersMatchDemoUsersJson() {
        for (DemoUsers.DemoUser demo : List.of(demoUsers.patient(), demoUsers.practitioner())) {
            UserRepresentation user = realm.admin().users().searchByUsername(demo.username(), true).get(0);
            assertThat(user.getAttributes().get("fhirUser")).as(demo.username()).containsExactly(demo.fhirUser());
            assertThat(realm.admin().users().get(user.getId()).roles().realmLevel().listAll().stream().map(RoleRepresentation::getName))
                    .contains("default-roles-smart");
        }
        UserRepresentation patient = realm.admin().users().searchByUsername(demoUsers.patient().username(), true).get(0);
        assertThat(patient.getAttributes().get("patientIds")).containsExactlyInAnyOrderElementsOf(demoUsers.patient().patientIds());
        assertThat(demoUsers.patient().fhirUser()).startsWith("Patient/");
        assertThat(demoUsers.patient().patientIds()).contains(demoUsers.patient().fhirUser().substring("Patient/".length()));
        assertThat(demoUsers.practitioner().fhirUser()).startsWith("Practitioner/");
    }

    @Test
    void demoUsersSignInWithTheirPublishedPasswords() {
        for (DemoUsers.DemoUser demo : List.of(demoUsers.patient(), demoUsers.practitioner())) {
            Pkce pkce = Pkce.s256();
            Map<String, String> redirect = new BrowserlessLogin(realm.getBaseUrl()).authorize(
                    TokenEndpoint.authorizationRequest(TestApps.PublicApp.CLIENT_ID, "openid", pkce, "s"),
                    demo.username(), demo.password());
            JsonNode token = new TokenEndpoint(realm.getBaseUrl())
                    .exchangeCodeAsPublicClient(redirect.get("code"), pkce, TestApps.PublicApp.CLIENT_ID).json();

            assertThat(Jwt.payload(token.path("access_token").asText()).path("preferred_username").asText())
                    .isEqualTo(demo.username());
        }
    }

    /** Imported users lack the default roles unless the export names them; the account console then fails. */
    @Test
    void theDemoPatientCanUseTheAccountConsole() {
        Pkce pkce = Pkce.s256();
        String accountRedirect = realm.getBaseUrl() + "/account/";
        Map<String, String> params = TokenEndpoint.authorizationRequest("account-console", "openid", pkce, "s");
        params.put("redirect_uri", accountRedirect);
        Map<String, String> redirect = new BrowserlessLogin(realm.getBaseUrl())
                .authorize(params, demoUsers.patient().username(), demoUsers.patient().password());
        Http.Response token = Http.plain().postForm(realm.getBaseUrl() + "/protocol/openid-connect/token", Map.of(
                "grant_type", "authorization_code", "code", redirect.get("code"), "client_id", "account-console",
                "redirect_uri", accountRedirect, "code_verifier", pkce.verifier()));

        Http.Response profile = Http.plain().get(realm.getBaseUrl() + "/account/?userProfileMetadata=true",
                "Accept", "application/json", "Authorization", "Bearer " + token.json().path("access_token").asText());

        assertThat(profile.status()).as(profile.body()).isEqualTo(200);
        assertThat(profile.json().path("attributes").path("fhirUser").get(0).asText()).isEqualTo(demoUsers.patient().fhirUser());
    }

    @Test
    void tokensNameTheFhirServerAsAudienceSoItCanIntrospectThem() {
        TokenEndpoint tokens = new TokenEndpoint(realm.getBaseUrl());
        String accessToken = tokens.clientCredentials("demo-backend", "demo-backend-secret", null).json()
                .path("access_token").asText();

        assertThat(Jwt.payload(accessToken).path("aud").toString()).contains("demo-fhir-server");
        JsonNode introspection = tokens.introspect(accessToken, "demo-fhir-server", "demo-fhir-server-secret").json();
        assertThat(introspection.path("active").asBoolean()).isTrue();
        assertThat(introspection.path("client_id").asText()).isEqualTo("demo-backend");
    }

    private static Map<String, ClientScopeRepresentation> byName(List<ClientScopeRepresentation> scopes) {
        return scopes.stream().collect(Collectors.toMap(ClientScopeRepresentation::getName, Function.identity()));
    }

    private static Set<String> names(List<ClientScopeRepresentation> scopes) {
        return scopes.stream().map(ClientScopeRepresentation::getName).collect(Collectors.toSet());
    }

    private static Map<String, ProtocolMapperRepresentation> mappers(ClientScopeRepresentation scope) {
        List<ProtocolMapperRepresentation> mappers = scope.getProtocolMappers() == null ? List.of() : scope.getProtocolMappers();
        return mappers.stream().collect(Collectors.toMap(ProtocolMapperRepresentation::getName, Function.identity()));
    }
}
