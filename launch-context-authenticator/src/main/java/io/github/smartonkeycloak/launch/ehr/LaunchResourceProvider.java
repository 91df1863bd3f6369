package io.github.smartonkeycloak.launch.ehr;

import org.keycloak.models.KeycloakSession;
import org.keycloak.services.resource.RealmResourceProvider;

final class LaunchResourceProvider implements RealmResourceProvider {

    private final KeycloakSession session;

    LaunchResourceProvider(KeycloakSession session) {
        this.session = session;
    }

    @Override
    public Object getResource() {
        return new LaunchResource(session);
    }

    @Override
    public void close() {
    }
}
