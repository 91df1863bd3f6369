package io.github.smartonkeycloak.demo.ehrlauncher;

import java.util.List;

import io.github.smartonkeycloak.launch.ehr.LaunchResourceProviderFactory;
import jakarta.ws.rs.core.PathSegment;
import org.keycloak.models.KeycloakSession;
import org.keycloak.services.resource.RealmResourceProvider;

final class EhrLauncherProvider implements RealmResourceProvider {

    private final KeycloakSession session;

    EhrLauncherProvider(KeycloakSession session) {
        this.session = session;
    }

    /**
     * Keycloak also mounts every realm resource provider at {@code /realms/{realm}/{id}}; answering only under the
     * launch API keeps one URL for the launcher, the one its client's redirect URI names.
     */
    @Override
    public Object getResource() {
        // realms/{realm}/{extension}/..., after Keycloak's relative path if one is set.
        List<String> path = session.getContext().getUri().getPathSegments().stream().map(PathSegment::getPath)
                .filter(segment -> !segment.isEmpty()).toList();
        int realms = path.indexOf("realms");
        boolean underLaunchApi = realms >= 0 && path.size() > realms + 2
                && LaunchResourceProviderFactory.PROVIDER_ID.equals(path.get(realms + 2));
        return underLaunchApi ? new EhrLauncherResource(session) : null;
    }

    @Override
    public void close() {
    }
}
