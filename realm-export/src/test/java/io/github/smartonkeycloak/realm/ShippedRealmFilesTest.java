package io.github.smartonkeycloak.realm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** What Keycloak's import would refuse late, or what must never be in the production file, checked at build time. */
class ShippedRealmFilesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Keycloak's database columns for names and descriptions are VARCHAR(255). */
    private static final int COLUMN_LENGTH = 255;

    private static JsonNode read(String path) throws IOException {
        return JSON.readTree(Path.of(path).toFile());
    }

    @Test
    void noNameOrDescriptionIsLongerThanKeycloaksColumns() throws IOException {
        for (String file : List.of("smart-realm.json", "target/classes/realm-export/smart-realm-demo.json")) {
            List<String> tooLong = new ArrayList<>();
            collectTooLong(read(file), "", tooLong);
            assertThat(tooLong).as(file).isEmpty();
        }
    }

    @Test
    void theDemoRealmIsTheProductionRealmWithTheOverlay() throws IOException {
        JsonNode expected = RealmOverlay.apply(read("smart-realm.json"), read("demo/smart-realm-demo-overlay.json"));

        assertThat(read("target/classes/realm-export/smart-realm-demo.json")).isEqualTo(expected);
    }

    private static void collectTooLong(JsonNode node, String path, List<String> tooLong) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                boolean text = field.getKey().equals("description") || field.getKey().equals("name");
                if (text && field.getValue().isTextual() && field.getValue().asText().length() > COLUMN_LENGTH) {
                    tooLong.add(path + "/" + field.getKey());
                }
                collectTooLong(field.getValue(), path + "/" + field.getKey(), tooLong);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                collectTooLong(node.get(i), path + "[" + i + "]", tooLong);
            }
        }
    }
}
