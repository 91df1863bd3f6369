package io.github.smartonkeycloak.core.settings;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * One realm or client attribute the pack reads: its key, how an admin sees it, its default and bounds, and the
 * check an admin-entered value must pass. Blank always means "not set", which is the default.
 *
 * @param key          the attribute key, exactly as in realm JSON and the admin REST API
 * @param label        a short name for forms
 * @param help         one or two sentences for forms and docs
 * @param type         how a form edits it
 * @param defaultText  the value in force when the attribute is unset, as docs and forms show it
 * @param min          the smallest accepted number ({@link Type#NUMBER} only), else {@code null}
 * @param max          the largest number in force ({@link Type#NUMBER} only; larger values count as it), else {@code null}
 * @param choices      the accepted values ({@link Type#CHOICE} and {@link Type#BOOLEAN}), else empty
 * @param check        the problem with a non-blank value, or empty when it is accepted
 */
public record Setting(String key, String label, String help, Type type, String defaultText, Integer min,
                      Integer max, List<String> choices, Function<String, Optional<String>> check) {

    /** How a form edits a setting. */
    public enum Type {
        /** One line of text. */
        TEXT,
        /** Several lines of text (a JSON document). */
        LONG_TEXT,
        /** Items separated by spaces or commas. */
        LIST,
        /** A whole number within {@link #min()} and {@link #max()}. */
        NUMBER,
        /** {@code true} or {@code false}. */
        BOOLEAN,
        /** One of {@link #choices()}. */
        CHOICE
    }

    public Setting {
        choices = List.copyOf(choices);
    }

    /** The problem with this value, for example {@code "Launch lifetime (smart.launchLifespan): …"}; blank is fine. */
    public Optional<String> problem(String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        return check.apply(value.trim()).map(problem -> label + " (" + key + "): " + problem);
    }

    /** The bound as docs and forms show it, or empty. */
    public String boundDescription() {
        if (min != null && max != null) {
            return min + " to " + max;
        }
        return choices.isEmpty() ? "" : "one of " + String.join(", ", choices);
    }
}
