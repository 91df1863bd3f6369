package io.github.smartonkeycloak.core.settings;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.smartonkeycloak.core.launch.FhirBaseUrls;
import io.github.smartonkeycloak.core.text.SpaceOrCommaList;

/** The value checks of the settings: each answers the problem with a non-blank, trimmed value, or empty. */
final class Checks {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern WHOLE_NUMBER = Pattern.compile("\\d{1,6}");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]*");

    private Checks() {
    }

    static Function<String, Optional<String>> wholeNumber(int min, int max) {
        return value -> WHOLE_NUMBER.matcher(value).matches()
                && Integer.parseInt(value) >= min && Integer.parseInt(value) <= max
                ? Optional.empty()
                : Optional.of("must be a whole number from " + min + " to " + max + ", not '" + value + "'");
    }

    static Function<String, Optional<String>> oneOf(List<String> choices) {
        return value -> choices.stream().anyMatch(choice -> choice.equalsIgnoreCase(value))
                ? Optional.empty()
                : Optional.of("must be one of " + String.join(", ", choices) + ", not '" + value + "'");
    }

    static Optional<String> fhirBaseUrls(String value) {
        for (String url : SpaceOrCommaList.split(value)) {
            if (!FhirBaseUrls.isSecure(url)) {
                return Optional.of("'" + url + "' is refused: " + FhirBaseUrls.HTTPS_REQUIRED);
            }
        }
        return Optional.empty();
    }

    static Optional<String> webUrl(String value) {
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("https") || scheme.equals("http")) && uri.getHost() != null) {
                return Optional.empty();
            }
        } catch (URISyntaxException e) {
            // answered below
        }
        return Optional.of("must be an absolute http or https URL, not '" + value + "'");
    }

    static Optional<String> jsonObject(String value) {
        try {
            JsonNode node = JSON.readTree(value);
            if (node != null && node.isObject()) {
                return Optional.empty();
            }
        } catch (IOException e) {
            // answered below
        }
        return Optional.of("must be a JSON object such as {\"color_background\":\"#f0f0f0\"}");
    }

    static Optional<String> name(String value) {
        return NAME.matcher(value).matches()
                ? Optional.empty()
                : Optional.of("must be a single name without spaces, not '" + value + "'");
    }

    static Function<String, Optional<String>> namesIn(Collection<String> known, String what) {
        return value -> SpaceOrCommaList.split(value).stream()
                .filter(item -> !known.contains(item))
                .findFirst()
                .map(unknown -> "'" + unknown + "' is not " + what);
    }

    static Optional<String> names(String value) {
        return SpaceOrCommaList.split(value).stream()
                .filter(item -> !NAME.matcher(item).matches())
                .findFirst()
                .map(bad -> "'" + bad + "' is not a capability name");
    }
}
