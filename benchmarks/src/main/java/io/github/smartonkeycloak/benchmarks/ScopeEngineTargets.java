package io.github.smartonkeycloak.benchmarks;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;

import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the scope-engine benchmarks with the options of docs/performance.md and checks them against issue 15's targets,
 * so that a regression fails a run instead of hiding in a table. Exit status 1 when a target is missed.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar io.github.smartonkeycloak.benchmarks.ScopeEngineTargets</pre>
 *
 * JMH options given on the command line (for example {@code -f 1 -i 3} for a quick look, or {@code -prof gc}) take
 * the place of the documented ones; the targets stay the same.
 */
public final class ScopeEngineTargets {

    static final List<ScopeTarget> TARGETS = List.of(
            ScopeTarget.atLeast("ScopeParseBenchmark.parseOneScope", "ops/s", 10_000_000),
            ScopeTarget.atMost("ScopeNegotiationBenchmark.negotiateParsed50Against20", "us/op", 10),
            ScopeTarget.reported("ScopeNegotiationBenchmark.parseAndNegotiate50Against20", "us/op"));

    private ScopeEngineTargets() {
    }

    public static void main(String[] args) throws RunnerException, CommandLineOptionException {
        Collection<RunResult> runs = new Runner(options(new CommandLineOptions(args)).build()).run();
        Map<String, Result<?>> scores = new HashMap<>();
        for (RunResult run : runs) {
            String name = run.getParams().getBenchmark();
            scores.put(name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1), run.getPrimaryResult());
        }
        System.exit(report(scores) ? 0 : 1);
    }

    /** The documented options (2 forks, 5 warm-up and 8 measured iterations of 2 s, one thread) unless given. */
    static ChainedOptionsBuilder options(CommandLineOptions given) {
        ChainedOptionsBuilder options = new OptionsBuilder().parent(given);
        for (ScopeTarget target : TARGETS) {
            options.include(target.includePattern());
        }
        if (!given.getForkCount().hasValue()) {
            options.forks(2);
        }
        if (!given.getWarmupIterations().hasValue()) {
            options.warmupIterations(5);
        }
        if (!given.getWarmupTime().hasValue()) {
            options.warmupTime(TimeValue.seconds(2));
        }
        if (!given.getMeasurementIterations().hasValue()) {
            options.measurementIterations(8);
        }
        if (!given.getMeasurementTime().hasValue()) {
            options.measurementTime(TimeValue.seconds(2));
        }
        return options.threads(1);
    }

    /** Prints one row per target and says whether all were met. */
    static boolean report(Map<String, Result<?>> scores) {
        boolean allMet = true;
        System.out.printf("%n%-55s %16s %14s %8s %-20s %s%n", "benchmark", "score", "error (99.9%)", "unit", "target",
                "verdict");
        for (ScopeTarget target : TARGETS) {
            Result<?> result = scores.get(target.benchmark());
            String verdict = target.verdict(result);
            allMet &= !verdict.equals("FAIL");
            System.out.printf("%-55s %16s %14s %8s %-20s %s%n", target.benchmark(),
                    result == null ? "missing" : format(result.getScore()),
                    result == null ? "" : "± " + format(result.getScoreError()),
                    result == null ? target.unit() : result.getScoreUnit(), target.describeLimit(), verdict);
        }
        System.out.println(allMet ? "All scope-engine targets met." : "A scope-engine target was missed.");
        return allMet;
    }

    static String format(double value) {
        return Double.isNaN(value) ? "NaN" : String.format(Locale.ROOT, "%,.3f", value);
    }
}
