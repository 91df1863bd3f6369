package io.github.smartonkeycloak.it.benchmark;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/** Alternating rounds of requests: running one, and reporting medians with the rounds as measured. */
final class Rounds {

    /** One request of a round: which client thread sends it, and its number in the round. */
    @FunctionalInterface
    interface Request {
        void send(int thread, int number);
    }

    private Rounds() {
    }

    /** Sends {@code requests} requests from {@code threads} threads at once; requests per second. */
    static double run(int threads, int requests, Request request) throws Exception {
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            long started = System.nanoTime();
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                workers.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < requests; i = next.getAndIncrement()) {
                        request.send(thread, i);
                    }
                    return null;
                }));
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
            return requests / ((System.nanoTime() - started) / 1e9);
        } finally {
            pool.shutdownNow();
        }
    }

    /** One line per variant: median, rounds, and the cost against the first variant (its median over this one's). */
    static String report(String heading, Map<String, double[]> rates, String baseline) {
        StringBuilder out = new StringBuilder(heading).append('\n');
        double first = 0;
        for (Map.Entry<String, double[]> entry : rates.entrySet()) {
            double median = median(entry.getValue());
            if (first == 0) {
                first = median;
            }
            out.append(String.format(Locale.ROOT, "%-55s median %7.1f/s  (rounds %s)  per CPU %6.1f/s  cost vs %s %.2f%n",
                    entry.getKey(), median, shown(entry.getValue()), median / Runtime.getRuntime().availableProcessors(),
                    baseline, first / median));
        }
        return out.toString();
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    private static String shown(double[] values) {
        return Arrays.toString(Arrays.stream(values).mapToObj(value -> String.format(Locale.ROOT, "%.0f", value)).toArray());
    }
}
