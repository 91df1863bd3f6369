package io.github.smartonkeycloak.demofhir.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

class RequestTimesTest {

    @Test
    void countsAndTimesAddUpPerKindAndTheDifferenceLeavesOutIdleKinds() {
        RequestTimes times = new RequestTimes();
        times.add("GET", "Consent", 5);
        times.add("GET", "Patient", 7);
        Map<String, RequestTimes.Total> before = times.snapshot();
        times.add("GET", "Consent", 11);
        times.add("POST", "Consent", 13);
        times.add("GET", "Consent", 17);

        Map<String, RequestTimes.Total> between = RequestTimes.between(before, times.snapshot());

        assertThat(between).containsOnlyKeys("GET Consent", "POST Consent");
        assertThat(between.get("GET Consent")).isEqualTo(new RequestTimes.Total(2, 28));
        assertThat(between.get("POST Consent")).isEqualTo(new RequestTimes.Total(1, 13));
        assertThat(times.snapshot().get("GET Consent")).isEqualTo(new RequestTimes.Total(3, 33));
    }
}
