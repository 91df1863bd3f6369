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

    /**
     * A sign-in through an identity provider leaves the browser flow (Keycloak resumes no flow after a broker login),
     * so the SMART steps run again in the post-broker-login flow an admin binds to each identity provider: the same
     * steps in the same order, with the same picker settings. The production realm ships the flow, but no provider.
     */
    @Test
    void thePostBrokerLoginFlowRunsTheBrowserFlowsSmartStepsWithTheSameSettings() throws IOException {
        JsonNode realm = read("smart-realm.json");
        List<JsonNode> browserSteps = new ArrayList<>();
        flow(realm, "smart browser").path("authenticationExecutions").forEach(step -> {
            if (!step.path("authenticatorFlow").asBoolean()) {
                browserSteps.add(step);
            }
        });
        JsonNode brokerSteps = flow(realm, "smart post broker login").path("authenticationExecutions");

        assertThat(brokerSteps).hasSameSizeAs(browserSteps);
        for (int i = 0; i < browserSteps.size(); i++) {
            JsonNode browser = browserSteps.get(i);
            JsonNode broker = brokerSteps.get(i);
            assertThat(broker.path("authenticator").asText()).isEqualTo(browser.path("authenticator").asText());
            assertThat(broker.path("requirement").asText()).isEqualTo("REQUIRED");
            assertThat(config(realm, broker)).as(broker.path("authenticator").asText()).isEqualTo(config(realm, browser));
        }
        assertThat(realm.path("identityProviders")).as("identity providers in the production realm").isEmpty();
    }

    private static JsonNode flow(JsonNode realm, String alias) {
        for (JsonNode flow : realm.path("authenticationFlows")) {
            if (flow.path("alias").asText().equals(alias)) {
                return flow;
            }
        }
        throw new AssertionError("no flow " + alias);
    }

    private static JsonNode config(JsonNode realm, JsonNode execution) {
        String alias = execution.path("authenticatorConfig").asText(null);
        for (JsonNode config : realm.path("authenticatorConfig")) {
            if (config.path("alias").asText().equals(alias)) {
                return config.path("config");
            }
        }
        return null;
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
