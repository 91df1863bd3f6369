package io.github.smartonkeycloak.it.benchmark;

import java.util.Arrays;
import java.util.Locale;

/** Results of alternating rounds: the median, and the rounds as measured, for the reports. */
final class Rounds {

    private Rounds() {
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    static String shown(double[] values) {
        return Arrays.toString(Arrays.stream(values).mapToObj(value -> String.format(Locale.ROOT, "%.0f", value)).toArray());
    }
}
