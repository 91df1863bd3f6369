package io.github.smartonkeycloak.theme;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.github.smartonkeycloak.core.consent.ScopeCategory;
import io.github.smartonkeycloak.core.consent.UsCoreCategories;
import io.github.smartonkeycloak.launch.consent.ConsentPageModel;
import org.junit.jupiter.api.Test;

/** Every message the pages can ask for exists in every language the pack ships, and formats as written. */
class MessagesTest {

    private static final Path TEMPLATES = Path.of("src/main/resources/theme-resources/templates");
    private static final Pattern LITERAL_KEY = Pattern.compile("msg\\(\"([a-z0-9-]+)\"\\s*[,)]");
    private static final Pattern CONDITIONAL_KEYS = Pattern.compile("then\\(\"([a-z0-9-]+)\", \"([a-z0-9-]+)\"\\)");

    private static Properties load(String language) throws IOException {
        Properties messages = new Properties();
        try (InputStream in = MessagesTest.class.getResourceAsStream("/theme-resources/messages/messages_" + language + ".properties");
             Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            messages.load(reader);
        }
        return messages;
    }

    @Test
    void everyLanguageHasTheSameKeys() throws IOException {
        assertThat(load("de").stringPropertyNames()).isEqualTo(load("en").stringPropertyNames());
    }

    @Test
    void everyKeyTheTemplatesNameExists() throws IOException {
        Set<String> used = new TreeSet<>();
        try (Stream<Path> templates = Files.list(TEMPLATES)) {
            for (Path template : templates.toList()) {
                String text = Files.readString(template);
                Matcher literal = LITERAL_KEY.matcher(text);
                while (literal.find()) {
                    used.add(literal.group(1));
                }
                Matcher conditional = CONDITIONAL_KEYS.matcher(text);
                while (conditional.find()) {
                    used.add(conditional.group(1));
                    used.add(conditional.group(2));
                }
            }
        }
        assertThat(used).contains("smart-consent-allow", "smart-picker-intro-clinician");
        assertThat(load("en").stringPropertyNames()).containsAll(used);
    }

    @Test
    void everyKeyTheConsentAndPickerModelsBuildExists() throws IOException {
        List<String> built = new ArrayList<>();
        ConsentPageModel.NAMED_TYPES.forEach(type -> built.add("smart-resource-" + type));
        UsCoreCategories.all().stream().map(ScopeCategory::label).forEach(label -> built.add("smart-category-" + label));
        List.of("c", "r", "u", "d", "s").forEach(letter -> built.add("smart-permission-" + letter));
        List.of("patient", "user", "system").forEach(context -> built.add("smart-context-" + context));
        List.of("female", "male", "other", "unknown").forEach(gender -> built.add("smart-gender-" + gender));

        assertThat(load("en").stringPropertyNames()).containsAll(built);
    }

    @Test
    void noMessageHasASingleQuoteThatMessageFormatWouldEat() throws IOException {
        for (String language : List.of("en", "de")) {
            Properties messages = load(language);
            for (String key : messages.stringPropertyNames()) {
                assertThat(messages.getProperty(key).replace("''", "")).as(language + " " + key).doesNotContain("'");
            }
        }
    }
}
