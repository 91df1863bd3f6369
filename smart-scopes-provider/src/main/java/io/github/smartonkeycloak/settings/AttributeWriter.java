package io.github.smartonkeycloak.settings;

import java.util.Map;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;

/** Writes setting values to realm or client attributes, touching only those that differ. */
public record AttributeWriter(Function<String, String> get, BiConsumer<String, String> set, Consumer<String> remove) {

    public void write(Map<String, String> values) {
        values.forEach((key, value) -> {
            String current = get.apply(key);
            if (value == null || value.isBlank()) {
                if (current != null) {
                    remove.accept(key);
                }
            } else if (current == null || !Objects.equals(current.trim(), value.trim())) {
                set.accept(key, value);
            }
        });
    }
}
