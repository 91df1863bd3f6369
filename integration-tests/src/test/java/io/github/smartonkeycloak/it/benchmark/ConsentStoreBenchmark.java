package io.github.smartonkeycloak.it.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.smartonkeycloak.it.support.BrowserlessLogin;
import io.github.smartonkeycloak.it.support.DemoUsers;
import io.github.smartonkeycloak.it.support.Http;
import io.github.smartonkeycloak.it.support.RealmFixtures;
import io.github.smartonkeycloak.it.support.SmartAppFlow;
import io.github.smartonkeycloak.it.support.SmartRealm;
import io.github.smartonkeycloak.it.support.SmartServerConfig;
import io.github.smartonkeycloak.it.support.TestFhirServer;
import io.github.smartonkeycloak.it.support.TokenEndpoint;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.injection.LifeCycle;
import org.keycloak.testframework.realm.ManagedRealm;

/**
 * What the FHIR consent store adds to a token request: refreshes and introspections of one SMART grant per client
 * thread, with the realm's consent store switched between {@code keycloak} (no outside record), {@code fhir} with the
 * default 2-second cache, and {@code fhir} reading the Consent records on every request, in alternating rounds.
 * Results go to {@code target/benchmarks/consent-store.txt}.
 */
@KeycloakIntegrationTest(config = SmartServerConfig.class)
class ConsentStoreBenchmark {

    private static final int THREADS = 4;
    private static final int REQUESTS_PER_ROUND = 400;
    private static final int ROUNDS = 5;
    private static final String APP = "bench-consent-app";
    private static final String SCOPE = "launch/patient openid patient/Patient.rs patient/Observation.rs";

    @InjectRealm(fromJson = SmartRealm.JSON, config = SmartRealm.FreshId.class, lifecycle = LifeCycle.GLOBAL)
    ManagedRealm realm;

    private record Variant(String name, String store, String cacheSeconds) {
    }

    @Test
    void theFhirConsentStoreAgainstKeycloaksOwnConsent() throws Exception {
        TestFhirServer.ensureRunning();
        new RealmFixtures(realm).publicClient(APP, List.of("launch/patient", "patient/*.rs"), true);
        DemoUsers.DemoUser amy = DemoUsers.load().patient();
        String[] refreshTokens = new String[THREADS];
        String[] accessTokens = new String[THREADS];
        for (int t = 0; t < THREADS; t++) {
            JsonNode tokens = new SmartAppFlow(realm.getBaseUrl(), APP)
                    .inBrowser(new BrowserlessLogin(realm.getBaseUrl()).choosingPatient("amy-shaw")).tokens(SCOPE, amy);
            refreshTokens[t] = tokens.path("refresh_token").asText();
            accessTokens[t] = tokens.path("access_token").asText();
        }
        List<Variant> variants = List.of(new Variant("keycloak store", "keycloak", "2"),
                new Variant("fhir store, 2 s cache", "fhir", "2"), new Variant("fhir store, no cache", "fhir", "0"));
        Map<String, double[]> refreshes = new LinkedHashMap<>();
        Map<String, double[]> introspections = new LinkedHashMap<>();
        variants.forEach(variant -> {
            refreshes.put(variant.name(), new double[ROUNDS]);
            introspections.put(variant.name(), new double[ROUNDS]);
        });
        try {
            for (Variant variant : variants) {
                use(variant);
                round(refreshTokens, accessTokens, true);
            }
            for (int round = 0; round < ROUNDS; round++) {
                for (Variant variant : variants) {
                    use(variant);
                    refreshes.get(variant.name())[round] = round(refreshTokens, accessTokens, true);
                    introspections.get(variant.name())[round] = round(refreshTokens, accessTokens, false);
                }
            }
        } finally {
            use(new Variant("shipped", "fhir", ""));
        }
        String report = report("refreshes", refreshes) + report("introspections", introspections);
        System.out.println(report);
        Path target = Path.of("target", "benchmarks");
        Files.createDirectories(target);
        Files.writeString(target.resolve("consent-store.txt"), report);
    }

    private void use(Variant variant) {
        RealmRepresentation representation = realm.admin().toRepresentation();
        representation.getAttributes().put("smart.consentStore", variant.store());
        representation.getAttributes().put("smart.consentCacheSeconds", variant.cacheSeconds());
        realm.admin().update(representation);
    }

    /** One round of refreshes (each thread follows its own rotated chain) or introspections; requests per second. */
    private double round(String[] refreshTokens, String[] accessTokens, boolean refresh) throws Exception {
        TokenEndpoint[] endpoints = new TokenEndpoint[THREADS];
        for (int t = 0; t < THREADS; t++) {
            endpoints[t] = new TokenEndpoint(realm.getBaseUrl()); // one HTTP client, with its connection, per thread
        }
        return Rounds.run(THREADS, REQUESTS_PER_ROUND, (thread, i) -> {
            TokenEndpoint tokens = endpoints[thread];
            if (refresh) {
                Http.Response response = tokens.refreshAsPublicClient(refreshTokens[thread], APP, null);
                assertThat(response.status()).as(response.body()).isEqualTo(200);
                refreshTokens[thread] = response.json().path("refresh_token").asText();
                accessTokens[thread] = response.json().path("access_token").asText();
            } else {
                Http.Response response = tokens.introspect(accessTokens[thread], "demo-fhir-server", "demo-fhir-server-secret");
                assertThat(response.json().path("active").asBoolean()).as(response.body()).isTrue();
            }
        });
    }

    private static String report(String what, Map<String, double[]> rates) {
        return Rounds.report(String.format(Locale.ROOT, "%s per second, %d rounds of %d requests, %d client threads, "
                + "%d CPUs shared by Keycloak, the FHIR server and the load generator", what, ROUNDS, REQUESTS_PER_ROUND,
                THREADS, Runtime.getRuntime().availableProcessors()), rates, "keycloak store");
    }
}
