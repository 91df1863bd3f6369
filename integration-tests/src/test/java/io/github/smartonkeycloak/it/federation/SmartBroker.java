package io.github.smartonkeycloak.it.federation;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.core.Response;
import org.keycloak.admin.client.CreatedResponseUtil;
import org.keycloak.representations.idm.IdentityProviderMapperRepresentation;
import org.keycloak.representations.idm.IdentityProviderRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.keycloak.testframework.realm.ManagedRealm;

/**
 * The smart realm's side of federated sign-in, set up as docs/install.md ("Federated sign-in") tells an admin: an
 * identity provider per protocol, bound to the shipped {@code smart post broker login} flow, with mappers that take
 * {@code fhirUser}, the linked patient records and the clinician role from the provider's claims or SAML attributes.
 * Everything it adds, and every user the sign-ins create, is removed after the test.
 */
final class SmartBroker {

    static final String OIDC_ALIAS = "hospital-oidc";
    static final String SAML_ALIAS = "hospital-saml";
    static final String POST_BROKER_FLOW = "smart post broker login";

    private final ManagedRealm realm;
    private final HospitalIdp idp;

    SmartBroker(ManagedRealm realm, HospitalIdp idp) {
        this.realm = realm;
        this.idp = idp;
    }

    /** An OpenID Connect provider, {@code postBrokerLoginFlowAlias} = the given flow (null: none). */
    void oidc(String postBrokerFlow) {
        Map<String, String> config = new HashMap<>();
        String issuer = idp.realmUrl();
        config.put("issuer", issuer);
        config.put("authorizationUrl", issuer + "/protocol/openid-connect/auth");
        config.put("tokenUrl", issuer + "/protocol/openid-connect/token");
        config.put("jwksUrl", issuer + "/protocol/openid-connect/certs");
        config.put("useJwksUrl", "true");
        config.put("validateSignature", "true");
        config.put("clientId", HospitalIdp.OIDC_CLIENT);
        config.put("clientSecret", HospitalIdp.OIDC_SECRET);
        config.put("clientAuthMethod", "client_secret_post");
        config.put("defaultScope", "openid profile email");
        config.put("pkceEnabled", "true");
        config.put("pkceMethod", "S256");
        config.put("syncMode", "FORCE");
        create(OIDC_ALIAS, "oidc", config, postBrokerFlow);
        mapper(OIDC_ALIAS, "fhirUser", "oidc-user-attribute-idp-mapper",
                Map.of("claim", HospitalIdp.FHIR_USER, "user.attribute", "fhirUser"));
        mapper(OIDC_ALIAS, "patientIds", "oidc-user-attribute-idp-mapper",
                Map.of("claim", HospitalIdp.PATIENT_IDS, "user.attribute", "patientIds"));
        mapper(OIDC_ALIAS, "clinician", "oidc-role-idp-mapper",
                Map.of("claim", HospitalIdp.ROLE, "claim.value", "clinician", "role", "clinician"));
    }

    /** A SAML provider whose signed responses are checked against the provider's certificate. */
    void saml(String postBrokerFlow) {
        Map<String, String> config = new HashMap<>();
        config.put("entityId", realm.getBaseUrl());
        config.put("idpEntityId", idp.realmUrl());
        config.put("singleSignOnServiceUrl", idp.realmUrl() + "/protocol/saml");
        config.put("nameIDPolicyFormat", "urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified");
        config.put("principalType", "SUBJECT");
        config.put("postBindingAuthnRequest", "true");
        config.put("postBindingResponse", "true");
        config.put("validateSignature", "true");
        config.put("signingCertificate", idp.signingCertificate());
        config.put("syncMode", "FORCE");
        create(SAML_ALIAS, "saml", config, postBrokerFlow);
        for (String property : List.of("email", "firstName", "lastName")) {
            mapper(SAML_ALIAS, property, "saml-user-attribute-idp-mapper",
                    Map.of("attribute.name", property, "user.attribute", property));
        }
        mapper(SAML_ALIAS, "fhirUser", "saml-user-attribute-idp-mapper",
                Map.of("attribute.name", HospitalIdp.FHIR_USER, "user.attribute", "fhirUser"));
        mapper(SAML_ALIAS, "patientIds", "saml-user-attribute-idp-mapper",
                Map.of("attribute.name", HospitalIdp.PATIENT_IDS, "user.attribute", "patientIds"));
        mapper(SAML_ALIAS, "clinician", "saml-role-idp-mapper",
                Map.of("attribute.name", HospitalIdp.ROLE, "attribute.value", "clinician", "role", "clinician"));
    }

    /** The smart realm's user the provider's sign-in made, if any. */
    UserRepresentation user(String username) {
        List<UserRepresentation> found = realm.admin().users().searchByUsername(username, true);
        return found.isEmpty() ? null : found.get(0);
    }

    /**
     * A user of the smart realm itself, with no {@code fhirUser}, the same username and email as the provider's user
     * and the same password (the username); the test removes it with the provider's user. Returns its id.
     */
    String localUser(String username) {
        UserRepresentation user = HospitalIdp.withPassword(username, "Local");
        try (Response created = realm.admin().users().create(user)) {
            return CreatedResponseUtil.getCreatedId(created);
        }
    }

    /** Removes the smart realm's user of this name after the test (sign-ins through the broker create it). */
    void removeUserAfterTest(String username) {
        realm.cleanup().add(admin -> admin.users().searchByUsername(username, true)
                .forEach(user -> admin.users().delete(user.getId()).close()));
    }

    private void create(String alias, String providerId, Map<String, String> config, String postBrokerFlow) {
        IdentityProviderRepresentation provider = new IdentityProviderRepresentation();
        provider.setAlias(alias);
        provider.setProviderId(providerId);
        provider.setEnabled(true);
        provider.setTrustEmail(false);
        provider.setPostBrokerLoginFlowAlias(postBrokerFlow);
        provider.setConfig(config);
        try (Response created = realm.admin().identityProviders().create(provider)) {
            if (created.getStatus() != 201) {
                throw new IllegalStateException("identity provider " + alias + ": HTTP " + created.getStatus()
                        + " " + created.readEntity(String.class));
            }
        }
        realm.cleanup().add(admin -> admin.identityProviders().get(alias).remove());
    }

    private void mapper(String alias, String name, String type, Map<String, String> config) {
        IdentityProviderMapperRepresentation mapper = new IdentityProviderMapperRepresentation();
        mapper.setName(name);
        mapper.setIdentityProviderAlias(alias);
        mapper.setIdentityProviderMapper(type);
        Map<String, String> withSync = new HashMap<>(config);
        withSync.put("syncMode", "INHERIT");
        mapper.setConfig(withSync);
        try (Response created = realm.admin().identityProviders().get(alias).addMapper(mapper)) {
            CreatedResponseUtil.getCreatedId(created);
        }
    }
}
