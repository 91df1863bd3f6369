package io.github.smartonkeycloak.it.support;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.core.Response;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.ClientScopeRepresentation;
import org.keycloak.representations.idm.ProtocolMapperRepresentation;
import org.keycloak.testframework.realm.ManagedRealm;
import org.keycloak.testframework.util.ApiUtil;

/** Client scopes and clients a test adds to the shared realm; all are removed after the test. */
public final class RealmFixtures {

    private final ManagedRealm realm;

    public RealmFixtures(ManagedRealm realm) {
        this.realm = realm;
    }

    /** A SMART ceiling client scope such as {@code patient/Observation.rs}, unless the realm has it already. */
    public void ceiling(String name) {
        boolean exists = realm.admin().clientScopes().findAll().stream().anyMatch(scope -> scope.getName().equals(name));
        if (exists) {
            return;
        }
        ClientScopeRepresentation scope = new ClientScopeRepresentation();
        scope.setName(name);
        scope.setProtocol("openid-connect");
        scope.setAttributes(new HashMap<>(Map.of("include.in.token.scope", "true", "display.on.consent.screen", "false")));
        try (Response created = realm.admin().clientScopes().create(scope)) {
            String id = ApiUtil.getCreatedId(created);
            realm.cleanup().add(r -> r.clientScopes().get(id).remove());
        }
    }

    /** A public client with exactly these optional client scopes (and the realm's default ones). */
    public void publicClient(String clientId, List<String> optionalScopes) {
        publicClient(clientId, optionalScopes, false);
    }

    /** The same, asking the user's consent (Keycloak's consent page) when {@code consentRequired}. */
    public void publicClient(String clientId, List<String> optionalScopes, boolean consentRequired) {
        ClientRepresentation client = publicClientRepresentation(clientId, optionalScopes);
        client.setConsentRequired(consentRequired);
        create(client);
    }

    private ClientRepresentation publicClientRepresentation(String clientId, List<String> optionalScopes) {
        ClientRepresentation client = new ClientRepresentation();
        client.setClientId(clientId);
        client.setPublicClient(true);
        client.setRedirectUris(List.of(TestApps.REDIRECT_URI));
        client.setDirectAccessGrantsEnabled(false);
        client.setDefaultClientScopes(realmDefaultScopes());
        client.setOptionalClientScopes(optionalScopes);
        return client;
    }

    /**
     * A public client whose tokens carry a fixed {@code patient} claim in the access token and introspection: a
     * stand-in for the SMART launch context, for tests of what a resource server does with it.
     */
    public void publicClientWithPatient(String clientId, List<String> optionalScopes, String patientId) {
        ClientRepresentation client = publicClientRepresentation(clientId, optionalScopes);
        ProtocolMapperRepresentation patient = new ProtocolMapperRepresentation();
        patient.setName("patient in context (test)");
        patient.setProtocol("openid-connect");
        patient.setProtocolMapper("oidc-hardcoded-claim-mapper");
        patient.setConfig(Map.of("claim.name", "patient", "claim.value", patientId, "jsonType.label", "String",
                "access.token.claim", "true", "introspection.token.claim", "true"));
        client.setProtocolMappers(List.of(patient));
        create(client);
    }

    /** A confidential backend client (client_credentials) with exactly these optional client scopes. */
    public void backendClient(String clientId, String secret, List<String> optionalScopes) {
        ClientRepresentation client = new ClientRepresentation();
        client.setClientId(clientId);
        client.setSecret(secret);
        client.setPublicClient(false);
        client.setServiceAccountsEnabled(true);
        client.setStandardFlowEnabled(false);
        client.setDefaultClientScopes(realmDefaultScopes());
        client.setOptionalClientScopes(optionalScopes);
        create(client);
    }

    /** Naming optional scopes replaces the defaults too, so the realm's default OpenID Connect scopes are named again. */
    private List<String> realmDefaultScopes() {
        return realm.admin().getDefaultDefaultClientScopes().stream()
                .filter(scope -> "openid-connect".equals(scope.getProtocol()))
                .map(ClientScopeRepresentation::getName)
                .toList();
    }

    private void create(ClientRepresentation client) {
        try (Response created = realm.admin().clients().create(client)) {
            if (created.getStatus() != 201) {
                throw new IllegalStateException("Creating client " + client.getClientId() + " failed: HTTP " + created.getStatus());
            }
            String id = ApiUtil.getCreatedId(created);
            realm.cleanup().add(r -> r.clients().get(id).remove());
        }
    }

    public void realmAttribute(String name, String value) {
        var representation = realm.admin().toRepresentation();
        representation.getAttributes().put(name, value);
        realm.admin().update(representation);
        realm.cleanup().add(r -> {
            var restore = r.toRepresentation();
            restore.getAttributes().put(name, "");
            r.update(restore);
        });
    }
}
