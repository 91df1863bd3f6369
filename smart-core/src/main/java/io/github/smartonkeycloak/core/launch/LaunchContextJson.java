package io.github.smartonkeycloak.core.launch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/** A launch context as the compact JSON the pack stores in session notes and refresh tokens. */
public final class LaunchContextJson {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> FIELDS = new TypeReference<>() {
    };

    private LaunchContextJson() {
    }

    public static String write(LaunchContext context) {
        try {
            return JSON.writeValueAsString(context.asJsonFields());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static LaunchContext read(String json) {
        try {
            return LaunchContext.fromJsonFields(JSON.readValue(json, FIELDS));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
