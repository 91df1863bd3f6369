package io.github.smartonkeycloak.it.benchmark;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import io.github.smartonkeycloak.demofhir.web.RequestTimes;
import io.github.smartonkeycloak.it.support.TestFhirServer;

/**
 * The test FHIR server's requests during one client's launches, summed over the measured rounds: how many of each
 * kind per launch, and how long they took. That time is the FHIR server's (a hospital's server), not the pack's.
 */
final class FhirShare {

    private final Map<String, RequestTimes.Total> totals = new TreeMap<>();
    private int launches;
    private Map<String, RequestTimes.Total> started;

    void start() {
        started = TestFhirServer.ensureRunning().requestTimes().snapshot();
    }

    void stop(int launchesInBetween) {
        RequestTimes.between(started, TestFhirServer.ensureRunning().requestTimes().snapshot())
                .forEach((kind, total) -> totals.merge(kind, total,
                        (a, b) -> new RequestTimes.Total(a.requests() + b.requests(), a.nanos() + b.nanos())));
        launches += launchesInBetween;
    }

    /** Milliseconds of FHIR server time per launch (mean: the server's time is a sum, not a distribution). */
    double millisPerLaunch() {
        long nanos = totals.values().stream().mapToLong(RequestTimes.Total::nanos).sum();
        return launches == 0 ? 0 : nanos / 1e6 / launches;
    }

    String describe(String label) {
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%s: FHIR server time %.1f ms per launch",
                label, millisPerLaunch()));
        totals.forEach((kind, total) -> line.append(String.format(Locale.ROOT, "; %s %.2f per launch, %.1f ms each",
                kind, (double) total.requests() / launches, total.nanos() / 1e6 / total.requests())));
        return line.append(System.lineSeparator()).toString();
    }
}
