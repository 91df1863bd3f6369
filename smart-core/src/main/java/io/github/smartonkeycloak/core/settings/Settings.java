package io.github.smartonkeycloak.core.settings;

import java.util.List;
import java.util.Map;

/** What the realm and client settings share: checking entered values against a list of settings. */
final class Settings {

    private Settings() {
    }

    static List<String> problems(List<Setting> settings, Map<String, String> values) {
        if (values == null) {
            return List.of();
        }
        return settings.stream()
                .flatMap(setting -> setting.problem(values.get(setting.key())).stream())
                .toList();
    }
}
