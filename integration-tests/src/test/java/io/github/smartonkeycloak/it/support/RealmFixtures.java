package io.github.smartonkeycloak.it.support;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.core.Response;
import org.keycloak.representations.idm.AuthenticationExecutionInfoRepresentation;
import org.keycloak.representations.idm.AuthenticatorConfigRepresentation;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.ClientScopeRepresentation;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.ProtocolMapperRepresentation;
import org.keycloak.representations.idm.RoleRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
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

    /** A confidential SMART app ({@code client_secret_basic} or {@code _post}) with exactly these optional scopes. */
    public void confidentialClient(String clientId, String secret, List<String> optionalScopes) {
        ClientRepresentation client = publicClientRepresentation(clientId, optionalScopes);
        client.setPublicClient(false);
        client.setSecret(secret);
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

    /**
     * A confidential client that authenticates with {@code private_key_jwt} ({@code client-jwt}), its keys at a JWKS
     * URL or inline: a backend service (service account, {@code client_credentials}) that is also an asymmetric
     * SMART app (authorization code with PKCE). Created the way an admin would, so the realm's client policies
     * configure it.
     */
    public ClientRepresentation assertionClient(String clientId, String jwksUrl, String inlineJwks, List<String> optionalScopes) {
        ClientRepresentation client = new ClientRepresentation();
        client.setClientId(clientId);
        client.setPublicClient(false);
        client.setClientAuthenticatorType("client-jwt");
        client.setServiceAccountsEnabled(true);
        client.setStandardFlowEnabled(true);
        client.setDirectAccessGrantsEnabled(false);
        client.setRedirectUris(List.of(TestApps.REDIRECT_URI));
        client.setDefaultClientScopes(realmDefaultScopes());
        client.setOptionalClientScopes(optionalScopes);
        Map<String, String> attributes = new HashMap<>();
        if (jwksUrl != null) {
            attributes.put("use.jwks.url", "true");
            attributes.put("jwks.url", jwksUrl);
        } else {
            attributes.put("use.jwks.string", "true");
            attributes.put("jwks.string", inlineJwks);
        }
        client.setAttributes(attributes);
        create(client);
        return realm.admin().clients().findByClientId(clientId).get(0);
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

    /** A user with a password, these attributes (fhirUser, patientIds, ...) and realm roles. */
    public void user(String username, String password, Map<String, List<String>> attributes, String... realmRoles) {
        UserRepresentation user = new UserRepresentation();
        user.setUsername(username);
        user.setEnabled(true);
        user.setEmail(username + "@example.org");
        user.setEmailVerified(true);
        user.setFirstName(username);
        user.setLastName("Test");
        user.setAttributes(new HashMap<>(attributes));
        CredentialRepresentation credential = new CredentialRepresentation();
        credential.setType(CredentialRepresentation.PASSWORD);
        credential.setValue(password);
        credential.setTemporary(false);
        user.setCredentials(List.of(credential));
        String id;
        try (Response created = realm.admin().users().create(user)) {
            if (created.getStatus() != 201) {
                throw new IllegalStateException("Creating user " + username + " failed: HTTP " + created.getStatus()
                        + " " + created.readEntity(String.class));
            }
            id = ApiUtil.getCreatedId(created);
        }
        realm.cleanup().add(r -> r.users().get(id).remove());
        for (String roleName : realmRoles) {
            RoleRepresentation role = realm.admin().roles().get(roleName).toRepresentation();
            realm.admin().users().get(id).roles().realmLevel().add(List.of(role));
        }
    }

    /** Sets one setting of a SMART step of the realm's browser flow, e.g. the patient picker's search filter. */
    public void stepConfig(String providerId, String key, String value) {
        AuthenticationExecutionInfoRepresentation execution = realm.admin().flows().getExecutions("smart browser").stream()
                .filter(candidate -> providerId.equals(candidate.getProviderId()))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException(providerId + " is not in the smart browser flow"));
        AuthenticatorConfigRepresentation config = realm.admin().flows().getAuthenticatorConfig(execution.getAuthenticationConfig());
        String previous = config.getConfig().get(key);
        config.getConfig().put(key, value);
        realm.admin().flows().updateAuthenticatorConfig(config.getId(), config);
        realm.cleanup().add(r -> {
            AuthenticatorConfigRepresentation restore = r.flows().getAuthenticatorConfig(config.getId());
            restore.getConfig().put(key, previous == null ? "" : previous);
            r.flows().updateAuthenticatorConfig(restore.getId(), restore);
        });
    }

    /** Sets an attribute of a client this test created (its cleanup removes the client anyway). */
    public void clientAttribute(String clientId, String name, String value) {
        ClientRepresentation client = realm.admin().clients().findByClientId(clientId).get(0);
        client.getAttributes().put(name, value);
        realm.admin().clients().get(client.getId()).update(client);
    }

    /** Sets a realm attribute; after the test it has its earlier value again. */
    public void realmAttribute(String name, String value) {
        var representation = realm.admin().toRepresentation();
        String previous = representation.getAttributes().get(name);
        representation.getAttributes().put(name, value);
        realm.admin().update(representation);
        realm.cleanup().add(r -> {
            var restore = r.toRepresentation();
            restore.getAttributes().put(name, previous == null ? "" : previous);
            r.update(restore);
        });
    }
}
