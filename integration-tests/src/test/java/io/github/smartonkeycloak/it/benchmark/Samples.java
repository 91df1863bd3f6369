package io.github.smartonkeycloak.it.benchmark;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Latencies of one client's requests, by measure and by round, taken from several threads at once. */
final class Samples {

    private final Map<String, List<List<Double>>> millis = new ConcurrentHashMap<>();
    private final List<Integer> pages = new ArrayList<>();
    private int round = -1;

    synchronized void startRound() {
        round++;
    }

    synchronized void add(String measure, long nanos) {
        List<List<Double>> rounds = millis.computeIfAbsent(measure, m -> new ArrayList<>());
        while (rounds.size() <= Math.max(round, 0)) {
            rounds.add(new ArrayList<>());
        }
        rounds.get(Math.max(round, 0)).add(nanos / 1e6);
    }

    /** A page-walk sample, with the number of pages it went through. */
    synchronized void add(String measure, long nanos, int pagesSeen) {
        add(measure, nanos);
        pages.add(pagesSeen);
    }

    synchronized double median(String measure) {
        return percentile(all(measure), 50);
    }

    synchronized double meanPages() {
        return pages.stream().mapToInt(Integer::intValue).average().orElse(Double.NaN);
    }

    /** {@code label: median, p95, n, and each round's median}. */
    synchronized String line(String label, String measure) {
        double[] values = all(measure);
        String rounds = Arrays.toString(millis.getOrDefault(measure, List.of()).stream()
                .map(round -> String.format(Locale.ROOT, "%.1f", percentile(round.stream().mapToDouble(Double::doubleValue).toArray(), 50)))
                .toArray());
        return String.format(Locale.ROOT, "%-52s median %7.1f ms  p95 %7.1f ms  n %4d  round medians %s%n",
                label, percentile(values, 50), percentile(values, 95), values.length, rounds);
    }

    /** The measures whose names start with {@code prefix}, sorted by name. */
    synchronized List<String> measuresStartingWith(String prefix) {
        return millis.keySet().stream().filter(measure -> measure.startsWith(prefix)).sorted().toList();
    }

    private double[] all(String measure) {
        return millis.getOrDefault(measure, List.of()).stream().flatMap(List::stream).mapToDouble(Double::doubleValue).toArray();
    }

    /** Nearest-rank percentile; NaN when there are no values. */
    static double percentile(double[] values, int percent) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }
}
