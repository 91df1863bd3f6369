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
 * keeps the load generator's CPU out of the comparison. The same rounds run Keycloak's own {@code private_key_jwt}
 * with both algorithms in a realm the pack does not configure (no SMART scope, ceiling or client policy): what
 * Keycloak itself charges for an asymmetric client, so the pack's share shows apart from it. Results go to
 * {@code target/benchmarks/backend-tokens.txt}.
 */
@KeycloakIntegrationTest(config = SmartServerConfig.class)
class BackendTokenBenchmark {

    private static final int THREADS = 8;
    /** Issue 15: a SMART backend grant costs at most 1.10 times a stock secret client's, for both algorithms. */
    private static final double TARGET = 1.10;
    private static final int REQUESTS_PER_ROUND = 2_000;
    private static final int ROUNDS = Integer.getInteger("benchmark.rounds", 4);
    /** Rounds of each variant before the measured ones: the rates still climb after one (the JIT at work). */
    private static final int WARM_UP_ROUNDS = Integer.getInteger("benchmark.warmUpRounds", 3);
    private static final String SMART_SCOPE = "system/Patient.rs system/Observation.rs";
    private static final String STOCK = "stock client_credentials (client_secret_basic)";
    private static final String SMART_RS = "SMART backend, private_key_jwt RS384, system/ scopes";
    private static final String SMART_ES = "SMART backend, private_key_jwt ES384, system/ scopes";
    private static final String KEYCLOAK_SECRET = "Keycloak's client_secret_basic, realm without SMART";
    private static final String KEYCLOAK_RS = "Keycloak's private_key_jwt RS384, realm without SMART";
    private static final String KEYCLOAK_ES = "Keycloak's private_key_jwt ES384, realm without SMART";

    @InjectRealm(fromJson = SmartRealm.JSON, config = SmartRealm.FreshId.class, lifecycle = LifeCycle.GLOBAL)
    ManagedRealm realm;

    /** Created as Keycloak creates any realm: no SMART attribute, client scope or policy, so the pack stands aside. */
    @InjectRealm(ref = "plain")
    ManagedRealm plain;

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
            storeEventsAsTheSmartRealmDoes(plain);
            new RealmFixtures(plain).backendClient("bench-stock", "bench-secret", List.of());
            new RealmFixtures(plain).assertionClient("bench-keycloak", jwks.url("bench-keycloak"), null, List.of());
            String tokenUrl = new TokenEndpoint(realm.getBaseUrl()).tokenUrl();
            String plainTokenUrl = new TokenEndpoint(plain.getBaseUrl()).tokenUrl();

            Map<String, IntFunction<Request[]>> variants = new LinkedHashMap<>();
            variants.put(STOCK, n -> null);
            variants.put(SMART_RS, n -> assertions(realm, "bench-smart", SMART_SCOPE, rsa, tokenUrl, n));
            variants.put(SMART_ES, n -> assertions(realm, "bench-smart", SMART_SCOPE, ec, tokenUrl, n));
            variants.put(KEYCLOAK_SECRET, n -> secretGrants(plain, n));
            variants.put(KEYCLOAK_RS, n -> assertions(plain, "bench-keycloak", null, rsa, plainTokenUrl, n));
            variants.put(KEYCLOAK_ES, n -> assertions(plain, "bench-keycloak", null, ec, plainTokenUrl, n));
            variants.keySet().forEach(name -> rates.put(name, new double[ROUNDS]));

            // Warm-up, not recorded.
            for (int round = 0; round < WARM_UP_ROUNDS; round++) {
                for (Map.Entry<String, IntFunction<Request[]>> variant : variants.entrySet()) {
                    round(variant.getValue().apply(REQUESTS_PER_ROUND));
                }
            }
            profile = Boolean.getBoolean("benchmark.jfr") ? java.util.Optional.of(PackProfile.start()) : java.util.Optional.empty();
            for (int round = 0; round < ROUNDS; round++) {
                for (Map.Entry<String, IntFunction<Request[]>> variant : variants.entrySet()) {
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

        double stock = Rounds.median(rates.get(STOCK));
        for (String variant : List.of(SMART_RS, SMART_ES)) {
            assertThat(stock / Rounds.median(rates.get(variant)))
                    .as("%s: cost vs stock (target in issue 15), see target/benchmarks/backend-tokens.txt", variant)
                    .isLessThanOrEqualTo(TARGET);
        }
    }

    /** One grant request: the realm it goes to and its form (null: the stock secret client, Basic credentials). */
    private record Request(ManagedRealm realm, Map<String, String> form) {
    }

    /** The SMART realm stores and logs its events (hospitals keep them); the reference realm does the same. */
    private static void storeEventsAsTheSmartRealmDoes(ManagedRealm realm) {
        var representation = realm.admin().toRepresentation();
        representation.setEventsEnabled(true);
        representation.setEventsExpiration(604800L);
        representation.setEventsListeners(List.of("jboss-logging"));
        realm.admin().update(representation);
    }

    private static Request[] secretGrants(ManagedRealm realm, int count) {
        Request[] requests = new Request[count];
        java.util.Arrays.fill(requests, new Request(realm, null));
        return requests;
    }

    private static Request[] assertions(ManagedRealm realm, String clientId, String scope, ClientKey key, String tokenUrl, int count) {
        Request[] requests = new Request[count];
        for (int i = 0; i < count; i++) {
            Map<String, String> form = new LinkedHashMap<>();
            form.put("grant_type", "client_credentials");
            if (scope != null) {
                form.put("scope", scope);
            }
            form.put("client_assertion_type", ClientAssertion.TYPE);
            ClientAssertion assertion = ClientAssertion.by(key, clientId, tokenUrl);
            if (scope == null) {
                // Keycloak's own check refuses a five-minute assertion without iat; SMART does not require iat.
                assertion.claim("iat", System.currentTimeMillis() / 1000);
            }
            form.put("client_assertion", assertion.jwt());
            requests[i] = new Request(realm, form);
        }
        return requests;
    }

    /** Sends one round ({@code requests} null: the stock client of the SMART realm) with {@link #THREADS} threads; grants per second. */
    private double round(Request[] requests) throws Exception {
        ManagedRealm target = requests == null ? realm : requests[0].realm();
        TokenEndpoint[] endpoints = new TokenEndpoint[THREADS];
        for (int t = 0; t < THREADS; t++) {
            endpoints[t] = new TokenEndpoint(target.getBaseUrl()); // one HTTP client, with its connection, per thread
        }
        return Rounds.run(THREADS, REQUESTS_PER_ROUND, (thread, i) -> {
            TokenEndpoint tokens = endpoints[thread];
            Http.Response response = requests == null || requests[i].form() == null
                    ? tokens.clientCredentials("bench-stock", "bench-secret", null)
                    : tokens.post(requests[i].form());
            assertThat(response.status()).as(response.body()).isEqualTo(200);
        });
    }

    private static String report(Map<String, double[]> rates) {
        int cpus = Runtime.getRuntime().availableProcessors();
        return Rounds.report(String.format(Locale.ROOT, "client_credentials grants per second, %d rounds of %d requests, "
                + "%d client threads, %d CPUs shared by Keycloak and the load generator", ROUNDS, REQUESTS_PER_ROUND,
                THREADS, cpus) + "\n" + Machine.describe(), rates, "stock") + "target: cost vs stock <= " + TARGET + "\n"
                + cost(rates, "Keycloak's own private_key_jwt RS384 vs its client_secret_basic", KEYCLOAK_RS, KEYCLOAK_SECRET)
                + cost(rates, "Keycloak's own private_key_jwt ES384 vs its client_secret_basic", KEYCLOAK_ES, KEYCLOAK_SECRET)
                + cost(rates, "stock client in the SMART realm vs in the realm without SMART", STOCK, KEYCLOAK_SECRET)
                + cost(rates, "pack's share, RS384: SMART backend vs Keycloak's private_key_jwt", SMART_RS, KEYCLOAK_RS)
                + cost(rates, "pack's share, ES384: SMART backend vs Keycloak's private_key_jwt", SMART_ES, KEYCLOAK_ES);
    }

    /** The cost of one variant against another, as the ratio of their median rates. */
    private static String cost(Map<String, double[]> rates, String what, String variant, String against) {
        return String.format(Locale.ROOT, "%s: cost %.2f%n", what, Rounds.median(rates.get(against)) / Rounds.median(rates.get(variant)));
    }
}
