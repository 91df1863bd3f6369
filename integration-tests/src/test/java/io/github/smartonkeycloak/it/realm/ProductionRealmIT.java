package io.github.smartonkeycloak.it.realm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.smartonkeycloak.it.support.SmartRealm;
import io.github.smartonkeycloak.it.support.SmartServerConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.keycloak.testframework.annotations.InjectAdminClient;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.util.JsonSerialization;

/**
 * The production realm ({@code realm-export/smart-realm.json}), imported into the real Keycloak under another name:
 * no user, no demo or Inferno client, no literal secret (its one service client gets a generated one), and no
 * {@code system/} ceiling on any client a user can sign in to. Its client profile is the strict one.
 */
@KeycloakIntegrationTest(config = SmartServerConfig.class)
class ProductionRealmIT {

    private static final String NAME = "smart-production-check";
    /** The clients Keycloak itself makes in every realm, and the pack's FHIR reader. */
    private static final Set<String> EXPECTED_CLIENTS = Set.of("account", "account-console", "admin-cli", "broker",
            "realm-management", "security-admin-console", "smart-fhir-reader");

    @InjectAdminClient
    Keycloak admin;

    private RealmResource realm;

    private static JsonNode productionJson() throws IOException {
        try (InputStream in = ProductionRealmIT.class.getResourceAsStream(SmartRealm.PRODUCTION_JSON)) {
            return JsonSerialization.mapper.readTree(in);
        }
    }

    @BeforeEach
    void importProductionRealm() throws IOException {
        RealmRepresentation representation = JsonSerialization.mapper.treeToValue(productionJson(), RealmRepresentation.class);
        representation.setRealm(NAME);
        admin.realms().create(representation);
        realm = admin.realm(NAME);
    }

    @AfterEach
    void removeIt() {
        realm.remove();
    }

    @Test
    void theFileHoldsNoSecretNoUserAndNoCredential() throws IOException {
        JsonNode json = productionJson();
        assertThat(json.has("users")).isFalse();
        List<String> fieldsWithSecrets = new ArrayList<>();
        json.findParents("secret").forEach(parent -> fieldsWithSecrets.add(parent.path("clientId").asText(parent.toString())));
        assertThat(fieldsWithSecrets).as("objects with a secret field").isEmpty();
        // No published demo secret as any value ("client-secret" is Keycloak's authenticator type), no demo or
        // Inferno client, no test-kit host.
        assertThat(json.toString()).doesNotContainPattern("\"(?!client-secret\")[a-z0-9-]+-secret\"")
                .doesNotContain("\"demo-", "\"inferno-", "inferno.healthit.gov", "localhost:4567");
    }

    @Test
    void importedItHasNoUserAndOnlyKeycloaksClientsAndTheFhirReader() {
        List<UserRepresentation> users = realm.users().list(0, 100);
        assertThat(users).extracting(UserRepresentation::getUsername).allMatch(name -> name.startsWith("service-account-"));
        assertThat(realm.clients().findAll()).extracting(ClientRepresentation::getClientId)
                .containsExactlyInAnyOrderElementsOf(EXPECTED_CLIENTS);
    }

    @Test
    void theFhirReadersCredentialIsGeneratedAtImport() {
        ClientRepresentation reader = realm.clients().findByClientId("smart-fhir-reader").get(0);
        String secret = realm.clients().get(reader.getId()).getSecret().getValue();
        assertThat(secret).hasSizeGreaterThanOrEqualTo(32).doesNotContain("smart-fhir-reader");
        assertThat(reader.isStandardFlowEnabled()).isFalse();
        assertThat(reader.isDirectAccessGrantsEnabled()).isFalse();
    }

    @Test
    void noClientAUserCanSignInToHasASystemCeiling() {
        for (ClientRepresentation client : realm.clients().findAll()) {
            boolean userFacing = Boolean.TRUE.equals(client.isStandardFlowEnabled())
                    || Boolean.TRUE.equals(client.isImplicitFlowEnabled())
                    || Boolean.TRUE.equals(client.isDirectAccessGrantsEnabled());
            if (userFacing) {
                List<String> scopes = new ArrayList<>(client.getDefaultClientScopes());
                scopes.addAll(client.getOptionalClientScopes());
                assertThat(scopes).as(client.getClientId()).noneMatch(scope -> scope.startsWith("system/"));
            }
        }
    }

    @Test
    void itRequiresTlsBoundsOfflineSessionsAndShipsTheStrictClientProfile() {
        RealmRepresentation representation = realm.toRepresentation();
        assertThat(representation.getSslRequired()).isEqualTo("all");
        assertThat(representation.getOfflineSessionMaxLifespanEnabled()).isTrue();
        assertThat(representation.getOfflineSessionMaxLifespan()).isBetween(90 * 24 * 3600, 366 * 24 * 3600);
        Set<String> executors = realm.clientPoliciesProfilesResource().getProfiles(false).getProfiles().stream()
                .filter(profile -> profile.getName().startsWith("smart"))
                .flatMap(profile -> profile.getExecutors().stream())
                .map(executor -> executor.getExecutorProviderId())
                .collect(Collectors.toSet());
        assertThat(executors).contains("pkce-enforcer", "secure-redirect-uris-enforcer", "reject-ropc-grant",
                "reject-implicit-grant", "smart-client-assertion", "smart-backend-token");
    }
}
