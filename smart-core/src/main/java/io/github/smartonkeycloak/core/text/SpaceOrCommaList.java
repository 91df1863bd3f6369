package io.github.smartonkeycloak.core.text;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The one reading of "values separated by spaces or commas" that every list-valued setting and attribute uses
 * (FHIR base URLs, resource types, withheld capabilities, linked patient ids).
 */
public final class SpaceOrCommaList {

    private static final Pattern SEPARATORS = Pattern.compile("[\\s,]+");

    private SpaceOrCommaList() {
    }

    /** The non-empty items, in order; {@code null} or blank is the empty list. */
    public static List<String> split(String value) {
        if (value == null || value.isBlank()) {
            return List.of();
        }
        return Arrays.stream(SEPARATORS.split(value.trim())).filter(item -> !item.isEmpty()).toList();
    }
}
