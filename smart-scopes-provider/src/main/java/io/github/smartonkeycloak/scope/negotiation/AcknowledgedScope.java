package io.github.smartonkeycloak.scope.negotiation;

import java.util.Map;
import java.util.stream.Stream;

import org.keycloak.models.ClientScopeModel;
import org.keycloak.models.ProtocolMapperModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.protocol.oidc.OIDCLoginProtocol;

/**
 * Stands for a requested scope that grants nothing. Keycloak fails the whole request unless every requested scope
 * maps to some client scope; SMART wants scopes the app may not have dropped instead. This in-memory client scope
 * carries no mappers, no roles, never shows on a consent screen and never enters the token's {@code scope}, so a
 * scope mapped to it is accepted and then left out. It is never stored.
 */
final class AcknowledgedScope implements ClientScopeModel {

    static final String ID = "smart-acknowledged-not-granted";

    private final RealmModel realm;

    AcknowledgedScope(RealmModel realm) {
        this.realm = realm;
    }

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public String getName() {
        return ID;
    }

    @Override
    public RealmModel getRealm() {
        return realm;
    }

    @Override
    public void setName(String name) {
        throw new UnsupportedOperationException(ID + " is not stored");
    }

    @Override
    public String getDescription() {
        return "A requested scope that is not granted";
    }

    @Override
    public void setDescription(String description) {
        throw new UnsupportedOperationException(ID + " is not stored");
    }

    @Override
    public String getProtocol() {
        return OIDCLoginProtocol.LOGIN_PROTOCOL;
    }

    @Override
    public void setProtocol(String protocol) {
        throw new UnsupportedOperationException(ID + " is not stored");
    }

    @Override
    public void setAttribute(String name, String value) {
        throw new UnsupportedOperationException(ID + " is not stored");
    }

    @Override
    public void removeAttribute(String name) {
        throw new UnsupportedOperationException(ID + " is not stored");
    }

    @Override
    public String getAttribute(String name) {
        return getAttributes().get(name);
    }

    @Override
    public Map<String, String> getAttributes() {
        return Map.of(INCLUDE_IN_TOKEN_SCOPE, "false", DISPLAY_ON_CONSENT_SCREEN, "false",
                INCLUDE_IN_OPENID_PROVIDER_METADATA, "false");
    }

    @Override
    public Stream<ProtocolMapperModel> getProtocolMappersStream() {
        return Stream.empty();
    }

    @Override
    public ProtocolMapperModel addProtocolMapper(ProtocolMapperModel model) {
        throw new UnsupportedOperationException(ID + " is not stored");
    }

    @Override
    public void removeProtocolMapper(ProtocolMapperModel mapping) {
        throw new UnsupportedOperationException(ID + " is not stored");
    }

    @Override
    public void updateProtocolMapper(ProtocolMapperModel mapping) {
        throw new UnsupportedOperationException(ID + " is not stored");
    }

    @Override
    public ProtocolMapperModel getProtocolMapperById(String id) {
        return null;
    }

    @Override
    public ProtocolMapperModel getProtocolMapperByName(String protocol, String name) {
        return null;
    }

    @Override
    public Stream<RoleModel> getScopeMappingsStream() {
        return Stream.empty();
    }

    @Override
    public Stream<RoleModel> getRealmScopeMappingsStream() {
        return Stream.empty();
    }

    @Override
    public void addScopeMapping(RoleModel role) {
        throw new UnsupportedOperationException(ID + " is not stored");
    }

    @Override
    public void deleteScopeMapping(RoleModel role) {
        throw new UnsupportedOperationException(ID + " is not stored");
    }

    @Override
    public boolean hasScope(RoleModel role) {
        return false;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AcknowledgedScope;
    }

    @Override
    public int hashCode() {
        return ID.hashCode();
    }
}
