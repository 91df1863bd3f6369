package io.github.smartonkeycloak.launch.consent.store.keycloak;

import java.util.Map;

import io.github.smartonkeycloak.common.OperationalInfo;
import io.github.smartonkeycloak.launch.consent.store.SmartConsentStore;
import io.github.smartonkeycloak.launch.consent.store.SmartConsentStoreFactory;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ServerInfoAwareProviderFactory;

public final class KeycloakConsentStoreFactory implements SmartConsentStoreFactory, ServerInfoAwareProviderFactory {

    public static final String PROVIDER_ID = "keycloak";

    private static final KeycloakConsentStore STORE = new KeycloakConsentStore();

    @Override
    public SmartConsentStore create(KeycloakSession session) {
        return STORE;
    }

    @Override
    public void init(Config.Scope config) {
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
    }

    @Override
    public void close() {
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public Map<String, String> getOperationalInfo() {
        return OperationalInfo.of(getClass());
    }
}
