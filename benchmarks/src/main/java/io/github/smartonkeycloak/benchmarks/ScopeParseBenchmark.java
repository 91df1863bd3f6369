package io.github.smartonkeycloak.benchmarks;

import java.util.concurrent.TimeUnit;

import io.github.smartonkeycloak.core.scope.SmartScope;
import io.github.smartonkeycloak.core.scope.SmartScopeParser;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/** Scopes parsed per second on one thread (target: at least 1,000,000). One operation parses one scope. */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ScopeParseBenchmark {

    private final String[] scopes = ScopeCorpus.mixed().toArray(String[]::new);
    private int next;

    @Benchmark
    public SmartScope parseOneScope() {
        String scope = scopes[next];
        next = next + 1 == scopes.length ? 0 : next + 1;
        return SmartScopeParser.parse(scope);
    }
}
