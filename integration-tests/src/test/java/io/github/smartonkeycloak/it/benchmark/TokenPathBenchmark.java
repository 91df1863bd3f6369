package io.github.smartonkeycloak.it.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.github.smartonkeycloak.it.support.BrowserlessLogin;
import io.github.smartonkeycloak.it.support.DemoUsers;
import io.github.smartonkeycloak.it.support.Http;
import io.github.smartonkeycloak.it.support.LaunchApi;
import io.github.smartonkeycloak.it.support.Pkce;
import io.github.smartonkeycloak.it.support.RealmFixtures;
import io.github.smartonkeycloak.it.support.SmartAppFlow;
import io.github.smartonkeycloak.it.support.SmartRealm;
import io.github.smartonkeycloak.it.support.TestFhirServer;
import io.github.smartonkeycloak.it.support.TokenEndpoint;
import org.junit.jupiter.api.Test;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.injection.LifeCycle;
import org.keycloak.testframework.realm.ManagedRealm;

/**
 * SMART token work against plain OIDC on the same Keycloak and realm, in alternating rounds: a plain public client
 * (PKCE, {@code openid}) and a SMART app (PKCE, consent, {@code launch/patient fhirUser patient/...}, the patient
 * picker and the consent page every time) each run full launches (authorization and login, exchange), then a refresh
 * (every other launch asks for {@code offline_access}, so online and offline refreshes are both measured) and an
 * introspection by the FHIR server's client. An EHR launch (launch API call, authorization, exchange) runs in the
 * same rounds, and so do two references for the full launch: a plain client with Keycloak's own consent page (what
 * Keycloak charges for one more page) and the SMART app with the {@code keycloak} consent store instead of the shipped
 * {@code fhir} one. Part (2) times every client one at a time, with each request of the page walk; part (3) does the
 * same with the {@code keycloak} consent store. The ratios of the medians are checked against issue 15's targets at the end, so a regression fails
 * the run. {@code -Dbenchmark.jfr=true} also records Keycloak with JDK Flight Recorder during the measured rounds
 * and lists the pack's hottest frames ({@link PackProfile}). Results go to {@code target/benchmarks/token-paths.txt}.
 */
@KeycloakIntegrationTest(config = BenchmarkServerConfig.class)
class TokenPathBenchmark {

    private static final int THREADS = Integer.getInteger("benchmark.threads", 4);
    private static final int LAUNCHES_PER_ROUND = Integer.getInteger("benchmark.launches", 60);
    private static final int ROUNDS = Integer.getInteger("benchmark.rounds", 5);
    /** Launches of each client, one at a time, alternating: the token requests timed with nothing else in flight. */
    private static final int SEQUENTIAL_LAUNCHES = Integer.getInteger("benchmark.sequential", 150);
    /**
     * Milliseconds between the app's redirect and its code exchange (default 0: at once, as on loopback). A real app
     * takes a browser hop and a back-end call; with the demo FHIR server in the test JVM, work it finishes after the
     * consent page answered shares the CPUs with an exchange sent at once.
     */
    private static final long EXCHANGE_DELAY_MILLIS = Long.getLong("benchmark.exchangeDelayMillis", 0);
    /** Part (3): launches of each client one at a time with the {@code keycloak} consent store. */
    private static final int KEYCLOAK_STORE_LAUNCHES = Integer.getInteger("benchmark.keycloakStoreLaunches", 100);
    private static final String PLAIN_APP = "bench-plain-app";
    private static final String SMART_APP = "bench-smart-app";
    private static final String EHR_APP = "bench-ehr-app";
    /** A plain client with Keycloak's own consent page: the price Keycloak itself charges for one more page. */
    private static final String KEYCLOAK_CONSENT_APP = "bench-keycloak-consent-app";
    private static final String SMART_SCOPE = "launch/patient openid fhirUser patient/Patient.rs patient/Observation.rs "
            + "patient/Condition.rs patient/AllergyIntolerance.rs patient/MedicationRequest.rs";
    private static final String EHR_SCOPE = "launch openid fhirUser patient/Patient.rs patient/Observation.rs";
    /**
     * Issue 15: SMART / plain, as ratios of the medians measured in one run. The full launch is judged under
     * concurrent users (the rounds), the token requests one at a time (a token request timed while other users' pages
     * run measures their pages as much as itself: in the SMART rounds the others run heavier pages).
     */
    private static final Map<String, Double> CONCURRENT_TARGETS = Map.of("full launch", 1.30);
    private static final Map<String, Double> SEQUENTIAL_TARGETS = Map.of(
            "code exchange", 1.10, "refresh (online)", 1.10, "refresh (offline)", 1.10, "introspection", 1.10);

    @InjectRealm(fromJson = SmartRealm.JSON, config = SmartRealm.FreshId.class, lifecycle = LifeCycle.GLOBAL)
    ManagedRealm realm;

    /**
     * One patient and one clinician per client thread: Keycloak's default brute-force protector refuses a second
     * password login of a user while one is in progress ({@code DefaultBlockingBruteForceProtector}).
     */
    private final DemoUsers.DemoUser[] patients = new DemoUsers.DemoUser[THREADS];
    private final DemoUsers.DemoUser[] clinicians = new DemoUsers.DemoUser[THREADS];
    private FhirShare plainFhir = new FhirShare();
    private FhirShare smartFhir = new FhirShare();
    private final App plainApp = new App(PLAIN_APP, "openid", Pages.PLAIN);
    private final App smartApp = new App(SMART_APP, SMART_SCOPE, Pages.SMART);
    private final App keycloakConsentApp = new App(KEYCLOAK_CONSENT_APP, "openid", Pages.KEYCLOAK_CONSENT);

    /** Which pages a launch goes through after the login form. */
    private enum Pages { PLAIN, SMART, KEYCLOAK_CONSENT }

    private record App(String clientId, String scope, Pages pages) {
    }

    @Test
    void smartTokenWorkAgainstPlainOidc() throws Exception {
        TestFhirServer.ensureRunning();
        RealmFixtures fixtures = new RealmFixtures(realm);
        fixtures.publicClient(PLAIN_APP, List.of("offline_access"), false);
        fixtures.publicClient(SMART_APP, List.of("launch/patient", "fhirUser", "offline_access", "patient/*.rs"), true);
        fixtures.publicClient(EHR_APP, List.of("launch", "fhirUser", "patient/*.rs"), false);
        fixtures.publicClient(KEYCLOAK_CONSENT_APP, List.of("offline_access"), true);
        for (int t = 0; t < THREADS; t++) {
            patients[t] = new DemoUsers.DemoUser("bench-patient-" + t, "bench-patient-" + t, "Patient/amy-shaw", List.of("amy-shaw", "ben-shaw"));
            fixtures.user(patients[t].username(), patients[t].password(),
                    Map.of("fhirUser", List.of("Patient/amy-shaw"), "patientIds", List.of("ben-shaw")), "patient");
            clinicians[t] = new DemoUsers.DemoUser("bench-clinician-" + t, "bench-clinician-" + t, "Practitioner/dr-jones", List.of());
            fixtures.user(clinicians[t].username(), clinicians[t].password(),
                    Map.of("fhirUser", List.of("Practitioner/dr-jones")), "clinician");
        }
        LaunchApi launches = new LaunchApi(realm.getBaseUrl());
        String ehrToken = launches.ehrToken();

        Samples plain = new Samples();
        Samples smart = new Samples();
        Samples ehr = new Samples();
        Samples keycloakConsent = new Samples();
        Samples smartKeycloakStore = new Samples();
        Samples warmUp = new Samples();
        round(new Samples[] {warmUp, warmUp, warmUp, warmUp, warmUp}, ehrToken);
        smartFhir = new FhirShare();
        plainFhir = new FhirShare();
        Optional<PackProfile> profile = Boolean.getBoolean("benchmark.jfr") ? Optional.of(PackProfile.start()) : Optional.empty();
        for (int round = 0; round < ROUNDS; round++) {
            round(new Samples[] {plain, smart, ehr, keycloakConsent, smartKeycloakStore}, ehrToken);
        }
        String profileReport = profile.map(PackProfile::stopAndReport).orElse("");

        Samples plainAlone = new Samples();
        Samples smartAlone = new Samples();
        Samples keycloakConsentAlone = new Samples();
        FhirShare smartAloneFhir = new FhirShare();
        plainAlone.startRound();
        smartAlone.startRound();
        keycloakConsentAlone.startRound();
        for (int i = 0; i < SEQUENTIAL_LAUNCHES; i++) {
            launch(plainAlone, plainApp, i % 2 == 0, 0);
            smartAloneFhir.start();
            launch(smartAlone, smartApp, i % 2 == 0, 0);
            smartAloneFhir.stop(1);
            launch(keycloakConsentAlone, keycloakConsentApp, i % 2 == 0, 0);
        }

        Samples plainKeycloakStore = new Samples();
        Samples smartKeycloakStoreAlone = new Samples();
        Samples keycloakConsentKeycloakStore = new Samples();
        useConsentStore("keycloak");
        try {
            plainKeycloakStore.startRound();
            smartKeycloakStoreAlone.startRound();
            keycloakConsentKeycloakStore.startRound();
            for (int i = 0; i < KEYCLOAK_STORE_LAUNCHES; i++) {
                launch(plainKeycloakStore, plainApp, i % 2 == 0, 0);
                launch(smartKeycloakStoreAlone, smartApp, i % 2 == 0, 0);
                launch(keycloakConsentKeycloakStore, keycloakConsentApp, i % 2 == 0, 0);
            }
        } finally {
            useConsentStore("fhir");
        }

        Map<String, Double> ratios = new LinkedHashMap<>();
        StringBuilder report = new StringBuilder(String.format(java.util.Locale.ROOT,
                "SMART token work against plain OIDC, milliseconds per request as the client sees it on loopback%n%s%n"
                        + "(1) %d client threads at once, %d rounds of %d launches per client after one warm-up round, "
                        + "alternating%n", Machine.describe(), THREADS, ROUNDS, LAUNCHES_PER_ROUND));
        compare(report, ratios, plain, smart, CONCURRENT_TARGETS, "full launch", "authorization pages", "code exchange",
                "refresh (online)", "refresh (offline)", "introspection");
        report.append(String.format(java.util.Locale.ROOT, "server time per page: plain %.1f ms (%.1f pages), SMART %.1f ms (%.1f pages)%n",
                plain.median("authorization pages") / plain.meanPages(), plain.meanPages(),
                smart.median("authorization pages") / smart.meanPages(), smart.meanPages()));
        report.append(String.format(java.util.Locale.ROOT, "launches per second (%d threads / median full launch): plain %.1f, SMART %.1f, EHR %.1f%n",
                THREADS, THREADS * 1000 / plain.median("full launch"), THREADS * 1000 / smart.median("full launch"),
                THREADS * 1000 / ehr.median("EHR launch")));
        report.append(plainFhir.describe("plain   launch, refresh, introspection"));
        report.append(smartFhir.describe("SMART   launch, refresh, introspection"));
        double smartWithoutFhir = smart.median("full launch") - smartFhir.millisPerLaunch();
        report.append(String.format(java.util.Locale.ROOT, "  full launch without the FHIR server's time: SMART %.1f ms "
                + "(median less mean FHIR time), ratio SMART / plain %.2f (for information; the target is on the whole)%n",
                smartWithoutFhir, smartWithoutFhir / (plain.median("full launch") - plainFhir.millisPerLaunch())));
        report.append(keycloakConsent.line("Keycloak consent page app   full launch", "full launch"));
        report.append(smartKeycloakStore.line("SMART, keycloak store       full launch", "full launch"));
        report.append(String.format(java.util.Locale.ROOT, "  ratios to plain: Keycloak's consent page %.2f, SMART with "
                + "the keycloak store %.2f; SMART (keycloak store) / Keycloak's consent page %.2f%n",
                keycloakConsent.median("full launch") / plain.median("full launch"),
                smartKeycloakStore.median("full launch") / plain.median("full launch"),
                smartKeycloakStore.median("full launch") / keycloakConsent.median("full launch")));
        report.append(ehr.line("EHR     launch API + authorization + exchange", "EHR launch"));
        report.append(String.format(java.util.Locale.ROOT, "  ratio EHR launch / plain full launch %.2f%n",
                ehr.median("EHR launch") / plain.median("full launch")));
        report.append(String.format(java.util.Locale.ROOT, "(2) one client at a time: %d launches of each app, "
                + "alternating launch by launch, each followed by its refresh and introspection%n", SEQUENTIAL_LAUNCHES));
        compare(report, ratios, plainAlone, smartAlone, SEQUENTIAL_TARGETS, "full launch", "authorization pages",
                "code exchange", "refresh (online)", "refresh (offline)", "introspection");
        steps(report, plainAlone, smartAlone, keycloakConsentAlone);
        report.append(smartAloneFhir.describe("  SMART, one at a time"));
        report.append(keycloakConsentAlone.line("Keycloak consent page app   full launch", "full launch"));
        report.append(String.format(java.util.Locale.ROOT, "  ratio Keycloak's consent page / plain %.2f%n",
                keycloakConsentAlone.median("full launch") / plainAlone.median("full launch")));
        report.append(String.format(java.util.Locale.ROOT, "(3) one client at a time with the keycloak consent store "
                + "(smart.consentStore=keycloak): %d launches of each app, alternating%n", KEYCLOAK_STORE_LAUNCHES));
        compare(report, new LinkedHashMap<>(), plainKeycloakStore, smartKeycloakStoreAlone, Map.of(), "full launch",
                "code exchange");
        report.append(keycloakConsentKeycloakStore.line("Keycloak consent page app   full launch", "full launch"));
        steps(report, plainKeycloakStore, smartKeycloakStoreAlone, keycloakConsentKeycloakStore);
        report.append(String.format(java.util.Locale.ROOT, "  ratios: Keycloak's consent page / plain %.2f, SMART / "
                + "Keycloak's consent page %.2f%n",
                keycloakConsentKeycloakStore.median("full launch") / plainKeycloakStore.median("full launch"),
                smartKeycloakStoreAlone.median("full launch") / keycloakConsentKeycloakStore.median("full launch")));
        report.append(profileReport);
        System.out.println(report);
        Path target = Path.of("target", "benchmarks");
        Files.createDirectories(target);
        Files.writeString(target.resolve("token-paths.txt"), report);

        Map<String, Double> targets = new LinkedHashMap<>(CONCURRENT_TARGETS);
        targets.putAll(SEQUENTIAL_TARGETS);
        ratios.forEach((measure, ratio) -> assertThat(ratio)
                .as("%s: SMART / plain (target in issue 15), see target/benchmarks/token-paths.txt", measure)
                .isLessThanOrEqualTo(targets.get(measure)));
    }

    /** Each request of the page walk, per client (plain, SMART, Keycloak's consent page), redirects summed per launch. */
    private static void steps(StringBuilder report, Samples plain, Samples smart, Samples keycloakConsent) {
        report.append("  per request of the page walk (redirects summed per launch):").append(System.lineSeparator());
        for (Samples samples : List.of(plain, smart, keycloakConsent)) {
            String label = samples == plain ? "plain  " : samples == smart ? "SMART  " : "KC-cons";
            for (String step : samples.measuresStartingWith("step: ")) {
                report.append(samples.line("  " + label + " " + step.substring("step: ".length()), step));
            }
        }
    }

    /** A plain and a SMART line per measure, and the ratio of the medians where {@code targets} has one. */
    private static void compare(StringBuilder report, Map<String, Double> ratios, Samples plain, Samples smart,
            Map<String, Double> targets, String... measures) {
        for (String measure : measures) {
            report.append(plain.line("plain   " + measure, measure)).append(smart.line("SMART   " + measure, measure));
            double ratio = smart.median(measure) / plain.median(measure);
            if (targets.containsKey(measure)) {
                ratios.put(measure, ratio);
                report.append(String.format(java.util.Locale.ROOT, "  ratio SMART / plain %.2f (target at most %.2f)%n",
                        ratio, targets.get(measure)));
            } else {
                report.append(String.format(java.util.Locale.ROOT, "  ratio SMART / plain %.2f%n", ratio));
            }
        }
    }

    /**
     * One round, each client's launches in parallel threads: the plain client, the SMART app, the EHR launches, the
     * client with Keycloak's consent page, and the SMART app again with the {@code keycloak} consent store. Samples in
     * that order.
     */
    private void round(Samples[] samples, String ehrToken) throws Exception {
        Samples plain = samples[0];
        Samples smart = samples[1];
        Samples ehr = samples[2];
        plain.startRound();
        plainFhir.start();
        Rounds.run(THREADS, LAUNCHES_PER_ROUND, (thread, i) -> launch(plain, plainApp, i % 2 == 0, thread));
        plainFhir.stop(THREADS * LAUNCHES_PER_ROUND);
        smart.startRound();
        smartFhir.start();
        Rounds.run(THREADS, LAUNCHES_PER_ROUND, (thread, i) -> launch(smart, smartApp, i % 2 == 0, thread));
        smartFhir.stop(THREADS * LAUNCHES_PER_ROUND);
        ehr.startRound();
        Rounds.run(THREADS, LAUNCHES_PER_ROUND, (thread, i) -> ehrLaunch(ehr, ehrToken, thread));
        samples[3].startRound();
        Rounds.run(THREADS, LAUNCHES_PER_ROUND, (thread, i) -> launch(samples[3], keycloakConsentApp, i % 2 == 0, thread));
        useConsentStore("keycloak");
        try {
            samples[4].startRound();
            Rounds.run(THREADS, LAUNCHES_PER_ROUND, (thread, i) -> launch(samples[4], smartApp, i % 2 == 0, thread));
        } finally {
            useConsentStore("fhir");
        }
    }

    /** The realm's consent store ({@code smart.consentStore}): {@code fhir} as shipped, or {@code keycloak}. */
    private void useConsentStore(String store) {
        var representation = realm.admin().toRepresentation();
        representation.getAttributes().put("smart.consentStore", store);
        realm.admin().update(representation);
    }

    private void launch(Samples samples, App app, boolean offline, int thread) {
        BrowserlessLogin browser = new BrowserlessLogin(realm.getBaseUrl()).choosingPatient("amy-shaw");
        SmartAppFlow flow = new SmartAppFlow(realm.getBaseUrl(), app.clientId()).inBrowser(browser);
        if (app.pages() != Pages.PLAIN) {
            flow.with("prompt", "consent"); // the consent page every time, as on a first launch
        }
        if (app.pages() != Pages.SMART) {
            flow.without("aud");
        }
        long started = System.nanoTime();
        SmartAppFlow.Authorization authorization = flow.authorize(app.scope() + (offline ? " offline_access" : ""), patients[thread]);
        long authorized = System.nanoTime();
        pause(EXCHANGE_DELAY_MILLIS);
        long exchangeStarted = System.nanoTime();
        TokenEndpoint tokens = new TokenEndpoint(realm.getBaseUrl());
        Http.Response exchange = tokens.exchangeCodeAsPublicClient(authorization.redirect().get("code"), authorization.pkce(), app.clientId());
        long exchanged = System.nanoTime();
        assertThat(exchange.status()).as(exchange.body()).isEqualTo(200);
        if (app.pages() == Pages.SMART) {
            assertThat(exchange.json().path("patient").asText()).isEqualTo("amy-shaw");
        } else if (app.pages() == Pages.KEYCLOAK_CONSENT) {
            assertThat(browser.pagesSeen()).containsExactly(BrowserlessLogin.KEYCLOAK_CONSENT);
        }
        samples.add("authorization pages", authorized - started, 1 + browser.pagesSeen().size());
        samples.add("code exchange", exchanged - exchangeStarted);
        samples.add("full launch", exchanged - started - (exchangeStarted - authorized));
        Map<String, Long> steps = new LinkedHashMap<>();
        browser.requests().forEach(request -> steps.merge("step: " + request.step(), request.nanos(), Long::sum));
        steps.forEach(samples::add);

        long refreshStarted = System.nanoTime();
        Http.Response refresh = tokens.refreshAsPublicClient(exchange.json().path("refresh_token").asText(), app.clientId(), null);
        samples.add(offline ? "refresh (offline)" : "refresh (online)", System.nanoTime() - refreshStarted);
        assertThat(refresh.status()).as(refresh.body()).isEqualTo(200);

        long introspectionStarted = System.nanoTime();
        Http.Response introspection = tokens.introspect(refresh.json().path("access_token").asText(), "demo-fhir-server",
                "demo-fhir-server-secret");
        samples.add("introspection", System.nanoTime() - introspectionStarted);
        assertThat(introspection.json().path("active").asBoolean()).as(introspection.body()).isTrue();
    }

    private static void pause(long millis) {
        if (millis > 0) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private void ehrLaunch(Samples samples, String ehrToken, int thread) {
        LaunchApi api = new LaunchApi(realm.getBaseUrl());
        long started = System.nanoTime();
        Http.Response launch = api.post(LaunchApi.json(Map.of("client_id", EHR_APP, "patient", "amy-shaw")), ehrToken);
        assertThat(launch.status()).as(launch.body()).isEqualTo(201);
        SmartAppFlow flow = new SmartAppFlow(realm.getBaseUrl(), EHR_APP).with("launch", launch.json().path("launch").asText());
        SmartAppFlow.Authorization authorization = flow.authorize(EHR_SCOPE, clinicians[thread]);
        Pkce pkce = authorization.pkce();
        Http.Response exchange = new TokenEndpoint(realm.getBaseUrl())
                .exchangeCodeAsPublicClient(authorization.redirect().get("code"), pkce, EHR_APP);
        samples.add("EHR launch", System.nanoTime() - started);
        assertThat(exchange.status()).as(exchange.body()).isEqualTo(200);
        assertThat(exchange.json().path("patient").asText()).isEqualTo("amy-shaw");
    }
}
