package io.github.smartonkeycloak.core.scope;

import java.util.Random;
import java.util.function.Consumer;

/**
 * A minimal property-test runner: a law is checked on many random cases from a fixed seed, and a failure names the
 * seed and case so it can be replayed. (Chosen over a property-testing library to keep the test classpath to JUnit
 * and AssertJ.)
 */
final class Properties {

    static final int TRIALS = 20_000;

    private Properties() {
    }

    static void forAll(String law, long seed, Consumer<RandomScopes> check) {
        Random random = new Random(seed);
        RandomScopes scopes = new RandomScopes(random);
        for (int trial = 0; trial < TRIALS; trial++) {
            try {
                check.accept(scopes);
            } catch (AssertionError failure) {
                throw new AssertionError(law + " failed on case " + trial + " (seed " + seed + "): " + failure.getMessage(), failure);
            }
        }
    }
}
