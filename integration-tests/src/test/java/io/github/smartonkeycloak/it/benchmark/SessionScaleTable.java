package io.github.smartonkeycloak.it.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** The checkpoints of a session-scale run: token latency and live heap per number of active sessions. */
final class SessionScaleTable {

    private record Row(int sessions, double refreshP95, double introspectP95) {
    }

    private final StringBuilder out;
    private final List<Row> rows = new ArrayList<>();

    SessionScaleTable(StringBuilder out) {
        this.out = out;
        out.append(String.format(Locale.ROOT, "%9s %8s %7s | %9s %9s | %9s %9s | %13s %9s%n", "sessions", "made/s",
                "min", "refr p50", "refr p95", "intr p50", "intr p95", "live heap MB", "B/session"));
    }

    void add(int sessions, double rate, double minutes, double[] refresh, double[] introspect, long heap, long baseline) {
        rows.add(new Row(sessions, percentile(refresh, 95), percentile(introspect, 95)));
        out.append(String.format(Locale.ROOT, "%9d %8.1f %7.1f | %9.1f %9.1f | %9.1f %9.1f | %13.1f %9.0f%n", sessions,
                rate, minutes, percentile(refresh, 50), percentile(refresh, 95), percentile(introspect, 50),
                percentile(introspect, 95), heap / 1048576.0, (heap - baseline) / (double) sessions));
    }

    /** The p95 of the last checkpoint against the first, refresh and introspection; fails beyond {@code maxRatio}. */
    void assertFlat(double maxRatio) {
        Row first = rows.get(0);
        Row last = rows.get(rows.size() - 1);
        double refresh = last.refreshP95() / first.refreshP95();
        double introspect = last.introspectP95() / first.introspectP95();
        out.append(String.format(Locale.ROOT, "p95 at %d sessions / at %d: refresh %.2f, introspection %.2f (target <= %.2f)%n",
                last.sessions(), first.sessions(), refresh, introspect, maxRatio));
        assertThat(refresh).as("refresh p95 at %d sessions / at %d", last.sessions(), first.sessions())
                .isLessThanOrEqualTo(maxRatio);
        assertThat(introspect).as("introspection p95 at %d sessions / at %d", last.sessions(), first.sessions())
                .isLessThanOrEqualTo(maxRatio);
    }

    static double percentile(double[] values, int percentile) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(rank, sorted.length - 1))];
    }
}
