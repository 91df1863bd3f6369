package io.github.smartonkeycloak.it.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntFunction;

import io.github.smartonkeycloak.it.support.ClientAssertion;
import io.github.smartonkeycloak.it.support.ClientKey;
import io.github.smartonkeycloak.it.support.Http;
import io.github.smartonkeycloak.it.support.JwksServer;
import io.github.smartonkeycloak.it.support.RealmFixtures;
import io.github.smartonkeycloak.it.support.SmartRealm;
import io.github.smartonkeycloak.it.support.SmartServerConfig;
import io.github.smartonkeycloak.it.support.TokenEndpoint;
import org.junit.jupiter.api.Test;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.injection.LifeCycle;
import org.keycloak.testframework.realm.ManagedRealm;

/**
 * {@code client_credentials} grants per second on one Keycloak: a SMART backend service ({@code private_key_jwt}
 * with RS384 or ES384, {@code system/} scopes negotiated by the pack, the realm's SMART client policy) against a stock
 * confidential client ({@code client_secret_basic}, no scope), in alternating rounds of the same size so that the
 * machine's noise falls on both. Assertions are signed before each round, as many clients would cache none but it
 * keeps the load generator's CPU out of the comparison. Results go to {@code target/benchmarks/backend-tokens.txt}.
 */
@KeycloakIntegrationTest(config = SmartServerConfig.class)
class BackendTokenBenchmark {

    private static final int THREADS = 8;
    /** Issue 15: a SMART backend grant costs at most 1.10 times a stock secret client's, for both algorithms. */
    private static final double TARGET = 1.10;
    private static final int REQUESTS_PER_ROUND = 2_000;
    private static final int ROUNDS = 4;
    private static final String SMART_SCOPE = "system/Patient.rs system/Observation.rs";

    @InjectRealm(fromJson = SmartRealm.JSON, config = SmartRealm.FreshId.class, lifecycle = LifeCycle.GLOBAL)
    ManagedRealm realm;

    @Test
    void smartBackendGrantsAgainstStockClientCredentials() throws Exception {
        RealmFixtures fixtures = new RealmFixtures(realm);
        fixtures.backendClient("bench-stock", "bench-secret", List.of());
        ClientKey rsa = ClientKey.rs384("bench-rs");
        ClientKey ec = ClientKey.es384("bench-es");
        Map<String, double[]> rates = new LinkedHashMap<>();
        java.util.Optional<PackProfile> profile;
        try (JwksServer jwks = new JwksServer()) {
            jwks.serve(rsa, ec);
            fixtures.assertionClient("bench-smart", jwks.url("bench-smart"), null, List.of("system/*.rs"));
            String tokenUrl = new TokenEndpoint(realm.getBaseUrl()).tokenUrl();

            Map<String, IntFunction<Map<String, String>[]>> variants = new LinkedHashMap<>();
            variants.put("stock client_credentials (client_secret_basic)", n -> null);
            variants.put("SMART backend, private_key_jwt RS384, system/ scopes", n -> assertions(rsa, tokenUrl, n));
            variants.put("SMART backend, private_key_jwt ES384, system/ scopes", n -> assertions(ec, tokenUrl, n));
            variants.keySet().forEach(name -> rates.put(name, new double[ROUNDS]));

            // Warm-up: one round of each, not recorded.
            for (Map.Entry<String, IntFunction<Map<String, String>[]>> variant : variants.entrySet()) {
                round(variant.getValue().apply(REQUESTS_PER_ROUND));
            }
            profile = Boolean.getBoolean("benchmark.jfr") ? java.util.Optional.of(PackProfile.start()) : java.util.Optional.empty();
            for (int round = 0; round < ROUNDS; round++) {
                for (Map.Entry<String, IntFunction<Map<String, String>[]>> variant : variants.entrySet()) {
                    rates.get(variant.getKey())[round] = round(variant.getValue().apply(REQUESTS_PER_ROUND));
                }
            }
        }
        // -Dbenchmark.jfr=true: where Keycloak's CPU went during the measured rounds (stock and SMART grants together).
        String report = report(rates) + profile.map(PackProfile::stopAndReport).orElse("");
        System.out.println(report);
        Path target = Path.of("target", "benchmarks");
        Files.createDirectories(target);
        Files.writeString(target.resolve("backend-tokens.txt"), report);

        double stock = Rounds.median(rates.values().iterator().next());
        rates.forEach((variant, rounds) -> assertThat(stock / Rounds.median(rounds))
                .as("%s: cost vs stock (target in issue 15), see target/benchmarks/backend-tokens.txt", variant)
                .isLessThanOrEqualTo(TARGET));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String>[] assertions(ClientKey key, String tokenUrl, int count) {
        Map<String, String>[] forms = new Map[count];
        for (int i = 0; i < count; i++) {
            forms[i] = Map.of("grant_type", "client_credentials", "scope", SMART_SCOPE,
                    "client_assertion_type", ClientAssertion.TYPE,
                    "client_assertion", ClientAssertion.by(key, "bench-smart", tokenUrl).jwt());
        }
        return forms;
    }

    /** Sends one round ({@code forms} null: the stock client) with {@link #THREADS} threads; grants per second. */
    private double round(Map<String, String>[] forms) throws Exception {
        TokenEndpoint[] endpoints = new TokenEndpoint[THREADS];
        for (int t = 0; t < THREADS; t++) {
            endpoints[t] = new TokenEndpoint(realm.getBaseUrl()); // one HTTP client, with its connection, per thread
        }
        return Rounds.run(THREADS, REQUESTS_PER_ROUND, (thread, i) -> {
            TokenEndpoint tokens = endpoints[thread];
            Http.Response response = forms == null
                    ? tokens.clientCredentials("bench-stock", "bench-secret", null)
                    : tokens.post(forms[i]);
            assertThat(response.status()).as(response.body()).isEqualTo(200);
        });
    }

    private static String report(Map<String, double[]> rates) {
        int cpus = Runtime.getRuntime().availableProcessors();
        return Rounds.report(String.format(Locale.ROOT, "client_credentials grants per second, %d rounds of %d requests, "
                + "%d client threads, %d CPUs shared by Keycloak and the load generator", ROUNDS, REQUESTS_PER_ROUND,
                THREADS, cpus) + "\n" + Machine.describe(), rates, "stock") + "target: cost vs stock <= " + TARGET + "\n";
    }
}
