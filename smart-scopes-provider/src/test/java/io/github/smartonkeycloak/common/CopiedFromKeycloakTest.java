package io.github.smartonkeycloak.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/** Every place marked {@link CopiedFromKeycloak} is listed in docs/compatibility.md, so upgrades re-check it. */
class CopiedFromKeycloakTest {

    private static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();
    private static final Pattern MARKED_MEMBER = Pattern.compile(
            "@CopiedFromKeycloak\\([^)]*\\)\\s+(?:[\\w<>\\[\\], ]+\\s+)?(\\w+)\\s*\\(", Pattern.DOTALL);

    @Test
    void everyCopyIsListedInTheCompatibilityNotes() throws IOException {
        List<String> marked = markedPlaces();
        String notes = Files.readString(REPOSITORY.resolve("docs/compatibility.md"));

        assertThat(marked).isNotEmpty().allSatisfy(place -> assertThat(notes).contains("`" + place + "`"));
    }

    private static List<String> markedPlaces() throws IOException {
        try (Stream<Path> files = Files.walk(REPOSITORY)) {
            return files.filter(file -> file.toString().endsWith(".java"))
                    .filter(file -> file.toString().contains("/src/main/java/"))
                    .filter(file -> !file.getFileName().toString().equals("CopiedFromKeycloak.java"))
                    .flatMap(CopiedFromKeycloakTest::markedIn)
                    .toList();
        }
    }

    private static Stream<String> markedIn(Path file) {
        try {
            String className = file.getFileName().toString().replace(".java", "");
            Matcher matcher = MARKED_MEMBER.matcher(Files.readString(file));
            return matcher.results().map(result -> className + "." + result.group(1)).toList().stream();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
