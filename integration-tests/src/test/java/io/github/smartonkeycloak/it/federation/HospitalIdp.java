package io.github.smartonkeycloak.it.federation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.core.Response;
import org.keycloak.admin.client.CreatedResponseUtil;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.KeysMetadataRepresentation;
import org.keycloak.representations.idm.ProtocolMapperRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.keycloak.representations.userprofile.config.UPConfig;
import org.keycloak.testframework.realm.ManagedRealm;

/**
 * The external identity provider of the tests: a second realm of the same Keycloak, as a hospital's enterprise IdP
 * or a patient portal's identity-proofing service would be. It has an OpenID Connect client and a SAML client for
 * the smart realm's broker, both sending {@code fhirUser}, the linked patient records and the user's hospital role.
 * What a test adds is removed after it.
 */
final class HospitalIdp {

    static final String OIDC_CLIENT = "smart-broker";
    static final String OIDC_SECRET = "smart-broker-test-secret";
    /** The claim / SAML attribute names the provider sends (what the broker's mappers read). */
    static final String FHIR_USER = "fhirUser";
    static final String PATIENT_IDS = "patient_ids";
    static final String ROLE = "hospital_role";

    private final ManagedRealm realm;
    private final String brokerRealmUrl;

    HospitalIdp(ManagedRealm realm, String brokerRealmUrl) {
        this.realm = realm;
        this.brokerRealmUrl = brokerRealmUrl;
        UPConfig profile = realm.admin().users().userProfile().getConfiguration();
        // The provider's own users carry fhirUser, patient ids and role as plain attributes.
        profile.setUnmanagedAttributePolicy(UPConfig.UnmanagedAttributePolicy.ENABLED);
        realm.admin().users().userProfile().update(profile);
    }

    String realmUrl() {
        return realm.getBaseUrl();
    }

    /** A user of the provider, with a password equal to the username, and these attributes. */
    void user(String username, String fhirUser, List<String> patientIds, String role) {
        UserRepresentation user = withPassword(username, "Test");
        user.setEmailVerified(true);
        Map<String, List<String>> attributes = new HashMap<>();
        attributes.put("fhirUser", List.of(fhirUser));
        if (!patientIds.isEmpty()) {
            attributes.put("patientIds", patientIds);
        }
        if (role != null) {
            attributes.put("hospitalRole", List.of(role));
        }
        user.setAttributes(attributes);
        try (Response created = realm.admin().users().create(user)) {
            String id = CreatedResponseUtil.getCreatedId(created);
            realm.cleanup().add(admin -> admin.users().delete(id).close());
        }
    }

    /** An enabled user with email {@code <username>@hospital.example} and a password equal to the username. */
    static UserRepresentation withPassword(String username, String firstName) {
        UserRepresentation user = new UserRepresentation();
        user.setUsername(username);
        user.setEmail(username + "@hospital.example");
        user.setFirstName(firstName);
        user.setLastName(username);
        user.setEnabled(true);
        CredentialRepresentation password = new CredentialRepresentation();
        password.setType(CredentialRepresentation.PASSWORD);
        password.setValue(username);
        password.setTemporary(false);
        user.setCredentials(List.of(password));
        return user;
    }

    /** The confidential OpenID Connect client the broker signs users in with. */
    void oidcClient(String idpAlias) {
        ClientRepresentation client = new ClientRepresentation();
        client.setClientId(OIDC_CLIENT);
        client.setSecret(OIDC_SECRET);
        client.setPublicClient(false);
        client.setStandardFlowEnabled(true);
        client.setDirectAccessGrantsEnabled(false);
        client.setRedirectUris(List.of(brokerRealmUrl + "/broker/" + idpAlias + "/endpoint"));
        client.setProtocolMappers(List.of(
                oidcClaim("fhirUser", FHIR_USER, false),
                oidcClaim("patientIds", PATIENT_IDS, true),
                oidcClaim("hospitalRole", ROLE, false)));
        create(client);
    }

    /** The SAML client (service provider) the broker signs users in with, posting signed responses. */
    void samlClient(String idpAlias) {
        String endpoint = brokerRealmUrl + "/broker/" + idpAlias + "/endpoint";
        ClientRepresentation client = new ClientRepresentation();
        client.setClientId(brokerRealmUrl);
        client.setProtocol("saml");
        client.setRedirectUris(List.of(endpoint));
        Map<String, String> attributes = new HashMap<>();
        attributes.put("saml.server.signature", "true");
        attributes.put("saml.client.signature", "false");
        attributes.put("saml.force.post.binding", "true");
        attributes.put("saml.authnstatement", "true");
        attributes.put("saml_name_id_format", "username");
        attributes.put("saml_force_name_id_format", "true");
        attributes.put("saml_assertion_consumer_url_post", endpoint);
        client.setAttributes(attributes);
        List<ProtocolMapperRepresentation> mappers = new ArrayList<>();
        for (String property : List.of("email", "firstName", "lastName")) {
            mappers.add(samlMapper(property, "saml-user-property-mapper", property, property));
        }
        mappers.add(samlMapper("fhirUser", "saml-user-attribute-mapper", "fhirUser", FHIR_USER));
        mappers.add(samlMapper("patientIds", "saml-user-attribute-mapper", "patientIds", PATIENT_IDS));
        mappers.add(samlMapper("hospitalRole", "saml-user-attribute-mapper", "hospitalRole", ROLE));
        client.setProtocolMappers(mappers);
        create(client);
    }

    /** The provider's signing certificate (RS256), which the broker checks SAML responses against. */
    String signingCertificate() {
        KeysMetadataRepresentation keys = realm.admin().keys().getKeyMetadata();
        return keys.getKeys().stream()
                .filter(key -> "RS256".equals(key.getAlgorithm()) && key.getCertificate() != null)
                .findFirst().orElseThrow(() -> new IllegalStateException("no RS256 key in " + realm.getName()))
                .getCertificate();
    }

    private void create(ClientRepresentation client) {
        try (Response created = realm.admin().clients().create(client)) {
            String id = CreatedResponseUtil.getCreatedId(created);
            realm.cleanup().add(admin -> admin.clients().get(id).remove());
        }
    }

    private static ProtocolMapperRepresentation oidcClaim(String userAttribute, String claim, boolean multivalued) {
        ProtocolMapperRepresentation mapper = new ProtocolMapperRepresentation();
        mapper.setName(claim);
        mapper.setProtocol("openid-connect");
        mapper.setProtocolMapper("oidc-usermodel-attribute-mapper");
        mapper.setConfig(Map.of("user.attribute", userAttribute, "claim.name", claim, "jsonType.label", "String",
                "multivalued", String.valueOf(multivalued), "id.token.claim", "true", "access.token.claim", "true",
                "userinfo.token.claim", "true"));
        return mapper;
    }

    private static ProtocolMapperRepresentation samlMapper(String name, String type, String userAttribute, String samlName) {
        ProtocolMapperRepresentation mapper = new ProtocolMapperRepresentation();
        mapper.setName(name);
        mapper.setProtocol("saml");
        mapper.setProtocolMapper(type);
        mapper.setConfig(Map.of("user.attribute", userAttribute, "attribute.name", samlName,
                "attribute.nameformat", "Basic", "friendly.name", samlName));
        return mapper;
    }
}
