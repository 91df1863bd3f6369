package io.github.smartonkeycloak.demofhir.web;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * How many requests this server answered and how long they took, per method and resource type ({@code GET Consent}):
 * what a benchmark reads to tell the FHIR server's share of a launch from Keycloak's. Counts only; no ids, queries or
 * tokens.
 */
public final class RequestTimes {

    /** Requests of one kind and the time they took, in nanoseconds. */
    public record Total(long requests, long nanos) {

        public Total minus(Total earlier) {
            return new Total(requests - earlier.requests, nanos - earlier.nanos);
        }
    }

    private final Map<String, LongAdder[]> totals = new ConcurrentHashMap<>();

    void add(String method, String resourceType, long nanos) {
        LongAdder[] total = totals.computeIfAbsent(method + " " + resourceType, kind -> new LongAdder[] {new LongAdder(), new LongAdder()});
        total[0].increment();
        total[1].add(nanos);
    }

    /** The totals so far, by kind, sorted. */
    public Map<String, Total> snapshot() {
        Map<String, Total> snapshot = new TreeMap<>();
        totals.forEach((kind, total) -> snapshot.put(kind, new Total(total[0].sum(), total[1].sum())));
        return snapshot;
    }

    /** What happened between two snapshots: kinds with no request in between are left out. */
    public static Map<String, Total> between(Map<String, Total> earlier, Map<String, Total> later) {
        Map<String, Total> difference = new TreeMap<>();
        later.forEach((kind, total) -> {
            Total delta = total.minus(earlier.getOrDefault(kind, new Total(0, 0)));
            if (delta.requests() > 0) {
                difference.put(kind, delta);
            }
        });
        return difference;
    }
}
