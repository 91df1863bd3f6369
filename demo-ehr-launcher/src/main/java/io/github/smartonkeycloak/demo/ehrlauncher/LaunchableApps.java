package io.github.smartonkeycloak.demo.ehrlauncher;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.github.smartonkeycloak.core.settings.SmartClientSettings;
import org.keycloak.models.ClientModel;
import org.keycloak.models.RealmModel;

/** The realm's apps an EHR can launch: enabled clients with a launch URL in the client attribute {@value #ATTRIBUTE}. */
final class LaunchableApps {

    static final String ATTRIBUTE = SmartClientSettings.LAUNCH_URL;

    record App(String clientId, String name, String launchUrl) {

        /** For the launcher page (FreeMarker does not read record components). */
        Map<String, String> asTemplateModel() {
            return Map.of("clientId", clientId, "name", name);
        }
    }

    private LaunchableApps() {
    }

    static List<App> of(RealmModel realm) {
        return realm.getClientsStream()
                .filter(ClientModel::isEnabled)
                .map(LaunchableApps::app)
                .flatMap(Optional::stream)
                .sorted(Comparator.comparing(App::name))
                .toList();
    }

    static Optional<App> find(RealmModel realm, String clientId) {
        ClientModel client = clientId == null ? null : realm.getClientByClientId(clientId);
        return client == null || !client.isEnabled() ? Optional.empty() : app(client);
    }

    private static Optional<App> app(ClientModel client) {
        String launchUrl = client.getAttribute(ATTRIBUTE);
        if (launchUrl == null || launchUrl.isBlank()) {
            return Optional.empty();
        }
        String name = client.getName() == null || client.getName().isBlank() ? client.getClientId() : client.getName();
        return Optional.of(new App(client.getClientId(), name, launchUrl.trim()));
    }
}
