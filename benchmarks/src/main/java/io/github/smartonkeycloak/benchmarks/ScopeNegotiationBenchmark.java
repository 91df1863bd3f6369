package io.github.smartonkeycloak.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.github.smartonkeycloak.core.scope.Negotiation;
import io.github.smartonkeycloak.core.scope.ResourceScope;
import io.github.smartonkeycloak.core.scope.ResourceTypes;
import io.github.smartonkeycloak.core.scope.ScopeNegotiator;
import io.github.smartonkeycloak.core.scope.SmartScopeParser;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Negotiating a 50-scope request against 20 ceilings (target: under 50 µs), with and without parsing the request
 * text first, as the Keycloak parser does on every call.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ScopeNegotiationBenchmark {

    private final ScopeNegotiator negotiator = new ScopeNegotiator(ResourceTypes.r4());
    private List<String> requestText;
    private List<ResourceScope> request;
    private List<ResourceScope> ceilings;

    @Setup
    public void setUp() {
        requestText = new ArrayList<>();
        for (String type : ScopeCorpus.TYPES) {
            requestText.add("patient/" + type + ".rs");
            requestText.add("patient/" + type + ".read");
        }
        requestText = new ArrayList<>(requestText.subList(0, 46));
        requestText.add("patient/Observation.rs?category=http://terminology.hl7.org/CodeSystem/observation-category|laboratory");
        requestText.add("patient/Condition.rs?category=http://hl7.org/fhir/us/core/CodeSystem/condition-category|health-concern");
        requestText.add("user/*.rs");
        requestText.add("system/Patient.rs");
        request = requestText.stream().map(SmartScopeParser::parseResourceScope).toList();

        List<String> ceilingText = new ArrayList<>();
        for (int i = 0; i < 18; i++) {
            ceilingText.add("patient/" + ScopeCorpus.TYPES[i] + ".cruds");
        }
        ceilingText.add("patient/*.rs");
        ceilingText.add("user/Observation.rs");
        ceilings = ceilingText.stream().map(SmartScopeParser::parseResourceScope).toList();
    }

    @Benchmark
    public Negotiation negotiateParsed50Against20() {
        return negotiator.negotiate(request, ceilings);
    }

    @Benchmark
    public Negotiation parseAndNegotiate50Against20() {
        List<ResourceScope> parsed = new ArrayList<>(requestText.size());
        for (String scope : requestText) {
            parsed.add(SmartScopeParser.parseResourceScope(scope));
        }
        return negotiator.negotiate(parsed, ceilings);
    }
}
