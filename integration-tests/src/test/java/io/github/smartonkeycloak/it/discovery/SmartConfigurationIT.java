package io.github.smartonkeycloak.it.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.smartonkeycloak.capability.SmartCapability;
import io.github.smartonkeycloak.core.settings.SmartRealmSettings;
import io.github.smartonkeycloak.it.support.Http;
import io.github.smartonkeycloak.it.support.SmartRealm;
import io.github.smartonkeycloak.it.support.SmartServerConfig;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.keycloak.admin.client.resource.ClientResource;
import org.keycloak.representations.idm.ClientPoliciesRepresentation;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.ClientScopeRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.injection.LifeCycle;
import org.keycloak.testframework.realm.ManagedRealm;
import org.keycloak.testframework.util.ApiUtil;

/**
 * {@code /.well-known/smart-configuration} on a real Keycloak with the shipped realm: Inferno's discovery checks
 * (smart-inferno-checks.md §2.1, §3.1 D1, D2, D5, D7), the fields the pack promises, and that the document follows
 * the realm's live configuration.
 */
@KeycloakIntegrationTest(config = SmartServerConfig.class)
class SmartConfigurationIT {

    private static final String BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

    @InjectRealm(fromJson = SmartRealm.JSON, config = SmartRealm.FreshId.class, lifecycle = LifeCycle.GLOBAL)
    ManagedRealm realm;

    private final Http http = Http.plain();

    private String documentUrl() {
        return realm.getBaseUrl() + "/.well-known/smart-configuration";
    }

    private JsonNode document() {
        Http.Response response = http.get(documentUrl(), "Accept", "application/json");
        assertThat(response.status()).isEqualTo(200);
        return response.json();
    }

    @Test
    void infernoD1ServesJsonWithStatus200() {
        Http.Response response = http.get(documentUrl(), "Accept", "application/json");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        assertThat(response.json().isObject()).isTrue();
    }

    @Test
    void infernoD2HasTheRequiredFieldsWithTheirTypes() {
        JsonNode document = document();

        assertThat(document.path("authorization_endpoint").isTextual()).isTrue();
        assertThat(document.path("token_endpoint").isTextual()).isTrue();
        assertThat(document.path("capabilities").isArray()).isTrue();
        assertThat(document.path("grant_types_supported").isArray()).isTrue();
        assertThat(document.path("code_challenge_methods_supported").isArray()).isTrue();
        assertThat(texts(document.path("grant_types_supported"))).contains("authorization_code");
        assertThat(texts(document.path("code_challenge_methods_supported"))).contains("S256").doesNotContain("plain");
        document.path("capabilities").forEach(capability -> assertThat(capability.isTextual()).isTrue());
        if (texts(document.path("capabilities")).contains(SmartCapability.SSO_OPENID_CONNECT)) {
            assertThat(document.path("issuer").isTextual()).isTrue();
            assertThat(document.path("jwks_uri").isTextual()).isTrue();
        }
    }

    @Test
    void publishesEveryPromisedFieldWithItsJsonType() {
        JsonNode document = document();

        for (String url : List.of("issuer", "jwks_uri", "authorization_endpoint", "token_endpoint",
                "introspection_endpoint", "revocation_endpoint", "registration_endpoint", "management_endpoint")) {
            assertThat(document.path(url).isTextual()).as(url).isTrue();
            assertThat(document.path(url).asText()).as(url).startsWith("http://localhost:8080/realms/smart");
        }
        for (String list : List.of("grant_types_supported", "response_types_supported",
                "token_endpoint_auth_methods_supported", "scopes_supported", "code_challenge_methods_supported",
                "capabilities")) {
            assertThat(document.path(list).isArray()).as(list).isTrue();
            assertThat(document.path(list)).as(list).isNotEmpty().allSatisfy(item -> assertThat(item.isTextual()).isTrue());
        }
        assertThat(texts(document.path("code_challenge_methods_supported"))).containsExactly("S256");
        assertThat(texts(document.path("response_types_supported"))).containsExactly("code");
        assertThat(texts(document.path("token_endpoint_auth_methods_supported")))
                .containsExactly("client_secret_basic", "client_secret_post", "private_key_jwt");
        assertThat(texts(document.path("token_endpoint_auth_signing_alg_values_supported")))
                .contains("RS384", "ES384").noneMatch(alg -> alg.startsWith("HS"));
    }

    @Test
    void endpointsAreTheOnesKeycloaksOwnDiscoveryPublishes() {
        JsonNode smart = document();
        JsonNode openid = http.get(realm.getBaseUrl() + "/.well-known/openid-configuration").json();

        for (String field : List.of("issuer", "jwks_uri", "authorization_endpoint", "token_endpoint",
                "introspection_endpoint", "revocation_endpoint", "registration_endpoint")) {
            assertThat(smart.path(field).asText()).as(field).isEqualTo(openid.path(field).asText());
        }
    }

    @Test
    void advertisesOnlySmartCapabilitiesAndWhatTheBaselineRealmSupports() {
        List<String> capabilities = texts(document().path("capabilities"));

        assertThat(capabilities).allMatch(SmartCapability::isKnown).doesNotHaveDuplicates().isSorted();
        assertThat(capabilities).contains(SmartCapability.CLIENT_PUBLIC,
                SmartCapability.CLIENT_CONFIDENTIAL_SYMMETRIC, SmartCapability.PERMISSION_OFFLINE);
    }

    @Test
    void advertisesTheClientTypesGrantsAndEndpointsOfIssue6() {
        JsonNode document = document();

        assertThat(texts(document.path("capabilities"))).contains(SmartCapability.CLIENT_CONFIDENTIAL_ASYMMETRIC,
                SmartCapability.PERMISSION_ONLINE, SmartCapability.PERMISSION_OFFLINE);
        assertThat(texts(document.path("grant_types_supported"))).contains("authorization_code", "client_credentials",
                "refresh_token");
        assertThat(texts(document.path("token_endpoint_auth_methods_supported"))).contains("private_key_jwt",
                "client_secret_basic", "client_secret_post");
        assertThat(texts(document.path("code_challenge_methods_supported"))).containsExactly("S256");
    }

    @Test
    void asymmetricClientsAreAdvertisedOnlyWhileTheRealmRunsTheSmartAssertionRules() {
        ClientPoliciesRepresentation policies = realm.admin().clientPoliciesPoliciesResource().getPolicies();
        ClientPoliciesRepresentation disabled = realm.admin().clientPoliciesPoliciesResource().getPolicies();
        disabled.getPolicies().forEach(policy -> policy.setEnabled(false));
        realm.admin().clientPoliciesPoliciesResource().updatePolicies(disabled);
        try {
            assertThat(texts(document().path("capabilities"))).doesNotContain(SmartCapability.CLIENT_CONFIDENTIAL_ASYMMETRIC);
        } finally {
            realm.admin().clientPoliciesPoliciesResource().updatePolicies(policies);
        }
        assertThat(texts(document().path("capabilities"))).contains(SmartCapability.CLIENT_CONFIDENTIAL_ASYMMETRIC);
    }

    @Test
    void theManagementEndpointIsTheAccountConsole() {
        Http.Response page = http.get(document().path("management_endpoint").asText());

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        assertThat(page.body()).contains("account");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "*/*", "application/json", "text/html", "application/fhir+json", "application/xml",
            BROWSER_ACCEPT})
    void answersJsonWhateverAcceptSays(String accept) {
        Http.Response response = accept.isEmpty() ? http.get(documentUrl()) : http.get(documentUrl(), "Accept", accept);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Content-Type")).hasValue("application/json");
        assertThat(response.json().path("token_endpoint").isTextual()).isTrue();
    }

    @Test
    void mayNotBeCachedBecauseItFollowsTheRealm() {
        assertThat(http.get(documentUrl()).header("Cache-Control"))
                .hasValueSatisfying(value -> assertThat(value).contains("no-cache"));
    }

    @Test
    void infernoD5IsOpenToEveryOrigin() {
        Http.Response response = http.get(documentUrl(), "Accept", "application/json", "Origin", "https://app.example");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.headers("Access-Control-Allow-Origin")).containsExactly("*");
        assertThat(response.header("Access-Control-Allow-Credentials")).isEmpty();
    }

    @Test
    void answersTheCorsPreflight() {
        Http.Response response = http.options(documentUrl(), "Origin", "https://app.example",
                "Access-Control-Request-Method", "GET");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.headers("Access-Control-Allow-Origin")).containsExactly("*");
        assertThat(response.header("Access-Control-Allow-Methods")).hasValueSatisfying(m -> assertThat(m).contains("GET"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/json", "text/html", "*/*", BROWSER_ACCEPT})
    void anUnknownRealmIsA404WithAJsonError(String accept) {
        Http.Response response = http.get("http://localhost:8080/realms/no-such-realm/.well-known/smart-configuration",
                "Accept", accept);

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.header("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        assertThat(response.json().path("error").asText()).isNotBlank();
    }

    @Test
    void aRealmSettingWithholdsACapability() {
        setRealmAttribute(SmartRealmSettings.WITHHELD_CAPABILITIES, "permission-offline, client-public");

        List<String> capabilities = texts(document().path("capabilities"));

        assertThat(capabilities).doesNotContain(SmartCapability.PERMISSION_OFFLINE, SmartCapability.CLIENT_PUBLIC)
                .contains(SmartCapability.CLIENT_CONFIDENTIAL_SYMMETRIC);
    }

    @Test
    void aRealmSettingLeavesOutTheRegistrationEndpoint() {
        setRealmAttribute(SmartRealmSettings.REGISTRATION_ENDPOINT, "false");

        assertThat(document().has("registration_endpoint")).isFalse();
    }

    /**
     * US Core 7.0.0's SMART page (scopes.html): the server SHALL support the scopes of its table, the granular
     * Condition and Observation categories among them (clinical notes a SHOULD), and SHALL document the
     * introspection endpoint. The shipped realm advertises {@code patient/*.rs}, {@code user/*.rs} and
     * {@code system/*.rs}, so all three contexts are listed.
     */
    @Test
    void listsUsCore7sScopesAndTheIntrospectionEndpoint() {
        JsonNode document = document();
        List<String> scopes = texts(document.path("scopes_supported"));

        for (String context : List.of("patient", "user", "system")) {
            assertThat(scopes).contains(context + "/Patient.rs", context + "/Observation.rs", context + "/Specimen.rs",
                    context + "/Condition.rs?category=http://terminology.hl7.org/CodeSystem/condition-category|encounter-diagnosis",
                    context + "/Condition.rs?category=http://terminology.hl7.org/CodeSystem/condition-category|problem-list-item",
                    context + "/Condition.rs?category=http://hl7.org/fhir/us/core/CodeSystem/condition-category|health-concern",
                    context + "/Observation.rs?category=http://terminology.hl7.org/CodeSystem/observation-category|laboratory",
                    context + "/Observation.rs?category=http://terminology.hl7.org/CodeSystem/observation-category|social-history",
                    context + "/Observation.rs?category=http://terminology.hl7.org/CodeSystem/observation-category|vital-signs",
                    context + "/Observation.rs?category=http://terminology.hl7.org/CodeSystem/observation-category|survey",
                    context + "/Observation.rs?category=http://hl7.org/fhir/us/core/CodeSystem/us-core-category|sdoh",
                    context + "/DocumentReference.rs?category=http://hl7.org/fhir/us/core/CodeSystem/us-core-documentreference-category|clinical-note");
        }
        assertThat(scopes).doesNotHaveDuplicates().noneMatch(scope -> scope.contains("terminology.hl7.org//"));
        assertThat(document.path("introspection_endpoint").asText())
                .isEqualTo(realm.getBaseUrl() + "/protocol/openid-connect/token/introspect");
    }

    @Test
    void scopesSupportedFollowsTheRealmsClientScopes() {
        ClientScopeRepresentation scope = new ClientScopeRepresentation();
        scope.setName("smart-discovery-probe");
        scope.setProtocol("openid-connect");
        scope.setAttributes(new HashMap<>(Map.of("include.in.openid.provider.metadata", "true")));
        try (Response created = realm.admin().clientScopes().create(scope)) {
            String id = ApiUtil.getCreatedId(created);
            realm.cleanup().add(r -> r.clientScopes().get(id).remove());

            assertThat(texts(document().path("scopes_supported"))).startsWith("openid").contains("smart-discovery-probe");

            scope.setId(id);
            scope.getAttributes().put("include.in.openid.provider.metadata", "false");
            realm.admin().clientScopes().get(id).update(scope);

            assertThat(texts(document().path("scopes_supported"))).doesNotContain("smart-discovery-probe");
        }
    }

    @Test
    void theManagementEndpointDisappearsWhenTheAccountConsoleIsOff() {
        ClientRepresentation account = realm.admin().clients().findByClientId("account").get(0);
        ClientResource resource = realm.admin().clients().get(account.getId());
        account.setEnabled(false);
        resource.update(account);
        realm.cleanup().add(r -> {
            account.setEnabled(true);
            r.clients().get(account.getId()).update(account);
        });

        assertThat(document().has("management_endpoint")).isFalse();
    }

    private void setRealmAttribute(String name, String value) {
        RealmRepresentation representation = realm.admin().toRepresentation();
        representation.getAttributes().put(name, value);
        realm.admin().update(representation);
        realm.cleanup().add(r -> {
            RealmRepresentation restore = r.toRepresentation();
            restore.getAttributes().put(name, "");
            r.update(restore);
        });
    }

    static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(node -> values.add(node.asText()));
        return values;
    }
}
