package io.github.smartonkeycloak.demo.ehrlauncher;

import io.github.smartonkeycloak.common.SmartProviderFactory;
import io.github.smartonkeycloak.launch.ehr.LaunchResource;
import org.keycloak.models.KeycloakSession;
import org.keycloak.services.resource.RealmResourceProvider;
import org.keycloak.services.resource.RealmResourceProviderFactory;

/**
 * DEMO ONLY. The demo EHR launcher, served at {@code /realms/{realm}/smart-launch/ehr} by the launch API, which looks
 * this provider up by {@link #PROVIDER_ID}; without this jar that URL is a 404.
 */
public final class EhrLauncherProviderFactory implements RealmResourceProviderFactory,
        SmartProviderFactory<RealmResourceProvider> {

    public static final String PROVIDER_ID = LaunchResource.DEMO_LAUNCHER;

    @Override
    public RealmResourceProvider create(KeycloakSession session) {
        return new EhrLauncherProvider(session);
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }
}
