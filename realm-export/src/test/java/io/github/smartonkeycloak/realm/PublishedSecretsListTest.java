package io.github.smartonkeycloak.realm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.smartonkeycloak.installation.PublishedCredentials;
import org.junit.jupiter.api.Test;

/**
 * The published-credentials check knows every credential the project ships: each secret of the realm files and the
 * Inferno presets is on its list, and each JWKS URL of the demo overlay is reported. Fails when a demo client or
 * preset gains a secret or key URL the check would miss.
 */
class PublishedSecretsListTest {

    /** The shipped files, as this module's jar carries them. */
    private static final String PRODUCTION_JSON = "/realm-export/smart-realm.json";
    private static final String DEMO_OVERLAY_JSON = "/realm-export/demo/smart-realm-demo-overlay.json";

    private static final List<String> INFERNO_PRESETS =
            List.of("/realm-export/inferno/g10-demo-preset.json", "/realm-export/inferno/smart-stu2-2-demo-preset.json",
                    "/realm-export/inferno/g10-v8-smart-2-2-us-core-7-demo-preset.json");

    /**
     * Realm clients' {@code secret}, presets' {@code client_secret}, preset inputs named {@code *_client_secret}, and
     * the secret in a preset's introspection header.
     */
    private static final Set<String> SECRET_FIELDS = Set.of("secret", "client_secret");

    @Test
    void everyShippedSecretIsAPublishedDemoSecret() throws IOException {
        List<String> secrets = new ArrayList<>();
        List<String> files = new ArrayList<>(INFERNO_PRESETS);
        files.add(DEMO_OVERLAY_JSON);
        for (String file : files) {
            collect(read(file), secrets, SECRET_FIELDS);
        }

        assertThat(secrets).isNotEmpty().allSatisfy(secret -> assertThat(PublishedCredentials.isDemoSecret(secret))
                .as(secret).isTrue());
    }

    @Test
    void theProductionRealmShipsNoSecret() throws IOException {
        List<String> secrets = new ArrayList<>();
        collect(read(PRODUCTION_JSON), secrets, SECRET_FIELDS);

        assertThat(secrets).isEmpty();
    }

    @Test
    void everyJwksUrlOfTheDemoOverlayIsReported() throws IOException {
        List<String> urls = new ArrayList<>();
        collect(read(DEMO_OVERLAY_JSON), urls, Set.of("jwks.url"));

        assertThat(urls).isNotEmpty().allSatisfy(url -> assertThat(PublishedCredentials.jwksUrlProblem(url)).as(url)
                .isPresent());
    }

    private static JsonNode read(String resource) throws IOException {
        try (InputStream in = PublishedSecretsListTest.class.getResourceAsStream(resource)) {
            assertThat(in).as(resource + " on the test classpath").isNotNull();
            return new ObjectMapper().readTree(in);
        }
    }

    /** Every non-blank text value of a field with one of these names (or of a preset input so named), anywhere. */
    private static void collect(JsonNode node, List<String> values, Set<String> fieldNames) {
        if (node.path("name").asText().endsWith("_client_secret") && fieldNames.contains("client_secret")) {
            add(node.path("value"), values);
        }
        if (node.path("name").asText().equals("custom_authorization_header") && fieldNames.contains("client_secret")) {
            // "Authorization: Basic base64(client_id:secret)": Inferno's introspection credentials.
            String basic = node.path("value").asText().replaceFirst("^Authorization: Basic ", "").trim();
            values.add(new String(java.util.Base64.getDecoder().decode(basic), java.nio.charset.StandardCharsets.UTF_8)
                    .split(":", 2)[1]);
        }
        node.fields().forEachRemaining(field -> {
            if (fieldNames.contains(field.getKey())) {
                add(field.getValue(), values);
            }
            collect(field.getValue(), values, fieldNames);
        });
        if (node.isArray()) {
            node.forEach(element -> collect(element, values, fieldNames));
        }
    }

    private static void add(JsonNode value, List<String> values) {
        if (value.isTextual() && !value.asText().isBlank()) {
            values.add(value.asText());
        }
    }
}
