package io.github.smartonkeycloak.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.github.smartonkeycloak.core.settings.Setting;
import io.github.smartonkeycloak.core.settings.SmartClientSettings;
import io.github.smartonkeycloak.core.settings.SmartRealmSettings;
import org.junit.jupiter.api.Test;

/** docs/configuration.md lists every setting of the SMART tabs with the default and bound the code has. */
class SettingsDocsTest {

    private static String adminConsoleSection() throws IOException {
        String docs = Files.readString(Path.of("..", "docs", "configuration.md"));
        int start = docs.indexOf("\n## Admin console\n");
        assertThat(start).as("docs/configuration.md has an 'Admin console' section").isPositive();
        int end = docs.indexOf("\n## ", start + 1);
        return docs.substring(start, end);
    }

    @Test
    void everyRealmAndClientSettingIsDocumentedWithItsDefaultAndBound() throws IOException {
        String section = adminConsoleSection();
        for (List<Setting> settings : List.of(SmartRealmSettings.SETTINGS, SmartClientSettings.SETTINGS)) {
            for (Setting setting : settings) {
                String row = section.lines()
                        .filter(line -> line.startsWith("| " + setting.label() + " | `" + setting.key() + "` |"))
                        .findFirst().orElse("");
                assertThat(row).as(setting.key() + " has a row in the Admin console section").isNotEmpty();
                assertThat(row).as(setting.key() + " default").contains("| " + setting.defaultText() + " |");
                if (!setting.boundDescription().isEmpty()) {
                    assertThat(row).as(setting.key() + " bound").contains(setting.boundDescription());
                }
            }
        }
    }

    @Test
    void theRealmAttributesTableNamesEveryRealmSetting() throws IOException {
        String docs = Files.readString(Path.of("..", "docs", "configuration.md"));
        String table = docs.substring(docs.indexOf("\n## Realm attributes\n"), docs.indexOf("\n## Client attributes\n"));
        SmartRealmSettings.SETTINGS.forEach(setting -> assertThat(table).contains("| `" + setting.key() + "` |"));
    }
}
