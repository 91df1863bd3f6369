package io.github.smartonkeycloak.benchmarks;

import org.openjdk.jmh.results.Result;

/**
 * What one scope-engine benchmark must reach (issue 15), or {@code null} as limit for one that is only reported.
 *
 * @param benchmark the benchmark method, {@code Class.method}
 * @param unit the JMH score unit the limit is in
 * @param limit the score to reach, or {@code null}
 * @param higherIsBetter whether the score must be at least the limit (throughput) rather than at most (time)
 */
record ScopeTarget(String benchmark, String unit, Double limit, boolean higherIsBetter) {

    static ScopeTarget atLeast(String benchmark, String unit, double limit) {
        return new ScopeTarget(benchmark, unit, limit, true);
    }

    static ScopeTarget atMost(String benchmark, String unit, double limit) {
        return new ScopeTarget(benchmark, unit, limit, false);
    }

    static ScopeTarget reported(String benchmark, String unit) {
        return new ScopeTarget(benchmark, unit, null, false);
    }

    /** JMH's include pattern for exactly this benchmark. */
    String includePattern() {
        return "^" + ScopeTarget.class.getPackageName().replace(".", "\\.") + "\\." + benchmark.replace(".", "\\.") + "$";
    }

    /** {@code PASS}, {@code FAIL} or {@code INFO}; a score in another unit than the limit's cannot pass. */
    String verdict(Result<?> result) {
        if (result == null) {
            return "FAIL";
        }
        if (limit == null) {
            return "INFO";
        }
        boolean met = unit.equals(result.getScoreUnit())
                && (higherIsBetter ? result.getScore() >= limit : result.getScore() <= limit);
        return met ? "PASS" : "FAIL";
    }

    String describeLimit() {
        if (limit == null) {
            return "-";
        }
        return (higherIsBetter ? ">= " : "<= ") + ScopeEngineTargets.format(limit) + " " + unit;
    }
}
