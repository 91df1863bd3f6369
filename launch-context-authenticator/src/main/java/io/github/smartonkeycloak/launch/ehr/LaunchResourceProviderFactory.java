package io.github.smartonkeycloak.launch.ehr;

import io.github.smartonkeycloak.common.SmartProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.services.resource.RealmResourceProvider;
import org.keycloak.services.resource.RealmResourceProviderFactory;

/** Mounts {@link LaunchResource} at {@code /realms/{realm}/smart-launch}. */
public final class LaunchResourceProviderFactory implements RealmResourceProviderFactory,
        SmartProviderFactory<RealmResourceProvider> {

    public static final String PROVIDER_ID = "smart-launch";

    @Override
    public RealmResourceProvider create(KeycloakSession session) {
        return new LaunchResourceProvider(session);
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }
}
