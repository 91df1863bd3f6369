package io.github.smartonkeycloak.launch.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

class StepSettingsTest {

    @Test
    void unsetBlankOrBadValuesGiveTheDefault() {
        StepSettings settings = StepSettings.of(Map.of("text", "  ", "flag", "", "count", "ten"));

        assertThat(settings.text("text", "fallback")).isEqualTo("fallback");
        assertThat(settings.text("missing", "fallback")).isEqualTo("fallback");
        assertThat(settings.flag("flag", true)).isTrue();
        assertThat(settings.count("count", 10, 50)).isEqualTo(10);
        assertThat(StepSettings.of((Map<String, String>) null).count("count", 7, 50)).isEqualTo(7);
    }

    @Test
    void valuesAreTrimmedAndCountsBounded() {
        StepSettings settings = StepSettings.of(Map.of("text", " clinician ", "flag", "false", "big", "500", "zero", "0", "ok", "20"));

        assertThat(settings.text("text", "x")).isEqualTo("clinician");
        assertThat(settings.flag("flag", true)).isFalse();
        assertThat(settings.count("big", 10, 50)).isEqualTo(50);
        assertThat(settings.count("zero", 10, 50)).isEqualTo(10);
        assertThat(settings.count("ok", 10, 50)).isEqualTo(20);
    }
}
