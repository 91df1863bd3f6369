package io.github.smartonkeycloak.launch.flow;

import java.util.Map;

import org.keycloak.models.AuthenticatorConfigModel;

/** The settings of one SMART step (its authenticator config), read with defaults: an unset or bad value is the default. */
public final class StepSettings {

    private final Map<String, String> values;

    private StepSettings(Map<String, String> values) {
        this.values = values == null ? Map.of() : values;
    }

    public static StepSettings of(AuthenticatorConfigModel model) {
        return new StepSettings(model == null ? null : model.getConfig());
    }

    public static StepSettings of(Map<String, String> values) {
        return new StepSettings(values);
    }

    public String text(String key, String fallback) {
        String value = values.get(key);
        return value == null || value.isBlank() ? fallback : value.trim();
    }

    public boolean flag(String key, boolean fallback) {
        String value = values.get(key);
        return value == null || value.isBlank() ? fallback : Boolean.parseBoolean(value.trim());
    }

    /** A whole number from 1 to {@code max}; larger values are cut to {@code max}. */
    public int count(String key, int fallback, int max) {
        String value = values.get(key);
        if (value == null || !value.trim().matches("\\d{1,6}")) {
            return fallback;
        }
        int count = Integer.parseInt(value.trim());
        return count < 1 ? fallback : Math.min(count, max);
    }
}
