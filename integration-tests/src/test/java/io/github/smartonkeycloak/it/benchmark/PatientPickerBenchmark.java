package io.github.smartonkeycloak.it.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

import io.github.smartonkeycloak.it.support.BrowserlessLogin.Page;
import io.github.smartonkeycloak.it.support.BrowserlessLogin;
import io.github.smartonkeycloak.it.support.DemoUsers;
import io.github.smartonkeycloak.it.support.Http;
import io.github.smartonkeycloak.it.support.Pkce;
import io.github.smartonkeycloak.it.support.RealmFixtures;
import io.github.smartonkeycloak.it.support.SmartAppFlow;
import io.github.smartonkeycloak.it.support.SmartRealm;
import io.github.smartonkeycloak.it.support.SmartServerConfig;
import io.github.smartonkeycloak.it.support.TokenEndpoint;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.resource.ClientScopeResource;
import org.keycloak.representations.idm.ProtocolMapperRepresentation;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.injection.LifeCycle;
import org.keycloak.testframework.realm.ManagedRealm;

/**
 * The patient picker's own cost: a signed-in clinician searches a demo FHIR server holding a million patients (its
 * indexed search; {@code -Dpicker.patients=N} for another size), and for every search page the time the page took
 * (measured by the client) minus the time the pack waited for the FHIR server (its {@code Server-Timing: fhir;dur=...})
 * is the picker's overhead: Keycloak's flow handling, the pack's code and the page rendering. For scale, the same run
 * times Keycloak's own login page. It fails when the overhead's p95 exceeds {@value #TARGET_P95_MILLIS} ms, so a
 * regression shows. Run it with {@code ./mvnw -B verify -pl integration-tests -am -Pbenchmarks
 * -Dit.test=PatientPickerBenchmark}; results, with the machine, go to {@code target/benchmarks/patient-picker.txt}.
 */
@KeycloakIntegrationTest(config = SmartServerConfig.class)
class PatientPickerBenchmark {

    private static final int PATIENTS = Integer.getInteger("picker.patients", 1_000_000);
    /** Above this the FHIR server holds patients only ({@code --clinical-data off}). */
    private static final int MAX_PATIENTS_WITH_CLINICAL_DATA = 100_000;
    /** The picker's own overhead, p95, in milliseconds (issue 15). */
    private static final double TARGET_P95_MILLIS = 25;
    private static final int WARMUP = 100;
    private static final int MEASURED = 400;
    private static final String APP = "picker-benchmark-app";
    /** Name prefixes, birth years, a month and a day, an identifier and blank (list everything): what clinicians type. */
    private static final List<String> SEARCHES = List.of("sm", "jo", "wi", "br", "da", "mi", "an", "ga", "ro", "le",
            "ma", "ch", "1950", "1987", "2001-05", "1987-06-15", "MRN-012345", "shaw", "");

    private static Process fhirServer;
    private static String fhirBaseUrl;
    private static String fhirServerStart;

    @InjectRealm(fromJson = SmartRealm.JSON, config = SmartRealm.FreshId.class, lifecycle = LifeCycle.GLOBAL)
    ManagedRealm realm;

    /**
     * The demo FHIR server in a JVM of its own, as a FHIR server would be: its heap of several GB and its garbage
     * collection must not pause the client that takes the times. A million patients take about 2.5 GB of live heap
     * without clinical data; 100,000 with theirs about 10 GB.
     */
    @BeforeAll
    static void startALargeFhirServer() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path log = Path.of("target", "benchmarks", "fhir-server.log");
        Files.createDirectories(log.getParent());
        boolean clinicalData = PATIENTS <= MAX_PATIENTS_WITH_CLINICAL_DATA;
        fhirServer = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                clinicalData ? "-Xmx12g" : "-Xmx6g",
                "-jar", Path.of("..", "demo-fhir-server", "target", "demo-fhir-server.jar").toString(),
                "--port", String.valueOf(port), "--patients", String.valueOf(PATIENTS),
                "--clinical-data", clinicalData ? "on" : "off",
                "--keycloak-realm-url", "http://localhost:8080/realms/" + SmartRealm.NAME)
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        fhirBaseUrl = "http://localhost:" + port + "/fhir";
        long started = System.nanoTime();
        long deadline = started + Duration.ofMinutes(10).toNanos();
        while (!answers(fhirBaseUrl + "/metadata")) {
            assertThat(fhirServer.isAlive()).as("FHIR server running, see " + log).isTrue();
            assertThat(System.nanoTime()).as("FHIR server ready within 10 minutes").isLessThan(deadline);
            Thread.sleep(500);
        }
        fhirServerStart = String.format(Locale.ROOT, "FHIR server: %s, heap limit %s, ready after %.1f s, resident %s",
                clinicalData ? "with clinical data" : "patients only", clinicalData ? "12g" : "6g",
                (System.nanoTime() - started) / 1e9, procLine("/proc/" + fhirServer.pid() + "/status", "VmRSS"));
    }

    private static boolean answers(String url) {
        try {
            return Http.plain().get(url).status() == 200;
        } catch (RuntimeException e) {
            return false;
        }
    }

    @AfterAll
    static void stopTheFhirServer() throws InterruptedException {
        fhirServer.destroy();
        fhirServer.waitFor();
    }

    @Test
    void pickerOverheadAgainstAMillionPatients() throws Exception {
        RealmFixtures fixtures = new RealmFixtures(realm);
        fixtures.realmAttribute("smart.fhirBaseUrls", fhirBaseUrl);
        letTheFhirServerIntrospect();
        fixtures.publicClient(APP, List.of("launch/patient", "patient/*.rs"));
        DemoUsers.DemoUser clinician = DemoUsers.load().practitioner();

        BrowserlessLogin login = new BrowserlessLogin(realm.getBaseUrl());
        SmartAppFlow app = new SmartAppFlow(realm.getBaseUrl(), APP).with("aud", fhirBaseUrl);
        Page page = login.openUntil("patient-picker", app.request("launch/patient openid patient/*.rs", Pkce.s256()),
                clinician.username(), clinician.password());

        Random random = new Random(7);
        int fhirTimeouts = 0;
        List<double[]> samples = new ArrayList<>();
        for (int i = 0; i < WARMUP + MEASURED; i++) {
            String search = SEARCHES.get(random.nextInt(SEARCHES.size()));
            // A third of the searches ask for the second page, which the pack reaches by the server's next link.
            String pageNumber = random.nextInt(3) == 0 ? "1" : "0";
            long started = System.nanoTime();
            Http.Response response = page.submit("#smart-patient-search",
                    List.of(Map.entry("search", search), Map.entry("page", pageNumber)));
            double totalMillis = (System.nanoTime() - started) / 1e6;
            page = login.page(response);
            if ("error".equals(page.smartPage())) {
                // The FHIR server did not answer within the pack's read timeout (its own garbage collection, on a
                // loaded machine): not the picker's time. Counted, then the user's "Try again".
                fhirTimeouts++;
                page = retryUntilThePickerIsBack(login, page);
                continue;
            }
            assertThat(response.status()).as(response.body()).isEqualTo(200);
            assertThat(page.smartPage()).isEqualTo("patient-picker");
            double fhirMillis = serverTimingFhirMillis(response);
            if (i >= WARMUP) {
                samples.add(new double[] {totalMillis, fhirMillis, totalMillis - fhirMillis});
            }
        }
        double[] stockLoginPage = stockLoginPageMillis();

        String report = report(samples, stockLoginPage, fhirTimeouts);
        System.out.println(report);
        Path target = Path.of("target", "benchmarks");
        Files.createDirectories(target);
        Files.writeString(target.resolve("patient-picker.txt"), report);
        assertThat(percentile(column(samples, 2), 95)).as("picker overhead p95 (ms), see " + target.resolve(
                "patient-picker.txt")).isLessThanOrEqualTo(TARGET_P95_MILLIS);
    }

    /**
     * Tokens for this FHIR server name its introspection client in {@code aud}, as the demo realm does for the demo
     * server on port 8081; without it Keycloak refuses the server's introspection ("not in the token audience").
     */
    private void letTheFhirServerIntrospect() {
        ClientScopeResource scope = realm.admin().clientScopes().get(realm.admin().clientScopes().findAll().stream()
                .filter(candidate -> "smart-fhir-audience".equals(candidate.getName())).findFirst().orElseThrow().getId());
        ProtocolMapperRepresentation mapper = scope.getProtocolMappers().getMappers().stream()
                .filter(candidate -> "fhir server audience".equals(candidate.getName())).findFirst().orElseThrow();
        String before = mapper.getConfig().getOrDefault("fhir.server.clients", "");
        mapper.getConfig().put("fhir.server.clients", (before + " " + fhirBaseUrl + "=demo-fhir-server").trim());
        scope.getProtocolMappers().update(mapper.getId(), mapper);
        realm.cleanup().add(cleanup -> {
            mapper.getConfig().put("fhir.server.clients", before);
            scope.getProtocolMappers().update(mapper.getId(), mapper);
        });
    }

    /** Keycloak's own login page (a fresh authorization request, no cookies), for scale. */
    private double[] stockLoginPageMillis() {
        Map<String, String> request = TokenEndpoint.authorizationRequest("account-console", "openid", Pkce.s256(), "s");
        request.put("redirect_uri", realm.getBaseUrl() + "/account/");
        String url = realm.getBaseUrl() + "/protocol/openid-connect/auth?" + Http.formEncode(request);
        double[] millis = new double[MEASURED];
        for (int i = 0; i < WARMUP + MEASURED; i++) {
            Http http = Http.plain();
            long started = System.nanoTime();
            Http.Response response = http.get(url);
            double elapsed = (System.nanoTime() - started) / 1e6;
            assertThat(response.status()).isEqualTo(200);
            if (i >= WARMUP) {
                millis[i - WARMUP] = elapsed;
            }
        }
        return millis;
    }

    private static double serverTimingFhirMillis(Http.Response response) {
        String timing = response.header("Server-Timing").orElseThrow(() -> new AssertionError("no Server-Timing header"));
        assertThat(timing).startsWith("fhir;dur=");
        return Double.parseDouble(timing.substring("fhir;dur=".length()));
    }

    private static Page retryUntilThePickerIsBack(BrowserlessLogin login, Page error) {
        Page page = error;
        for (int attempt = 0; attempt < 5 && "error".equals(page.smartPage()); attempt++) {
            page = login.page(page.submit("#smart-error-actions", List.of(Map.entry("smart-action", "retry"))));
        }
        assertThat(page.smartPage()).as("picker back after retrying").isEqualTo("patient-picker");
        return page;
    }

    private static String report(List<double[]> samples, double[] stockLoginPage, int fhirTimeouts) {
        double[] total = column(samples, 0);
        double[] fhir = column(samples, 1);
        double[] overhead = column(samples, 2);
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "Patient picker, %d patients (indexed search), %d searches after %d "
                + "warm-up, %s%n", PATIENTS, samples.size(), WARMUP, LocalDate.now(ZoneOffset.UTC)));
        out.append(machine()).append(System.lineSeparator());
        out.append(fhirServerStart).append(System.lineSeparator());
        out.append(String.format(Locale.ROOT, "%-34s %8s %8s %8s%n", "milliseconds", "p50", "p95", "p99"));
        out.append(String.format(Locale.ROOT, "searches that hit the FHIR read timeout (left out, retried): %d%n",
                fhirTimeouts));
        line(out, "page time (client)", total);
        line(out, "FHIR wait (Server-Timing)", fhir);
        line(out, "picker overhead (page - FHIR)", overhead);
        line(out, "Keycloak login page (stock)", stockLoginPage);
        out.append(String.format(Locale.ROOT, "overhead p95 / stock login page p95: %.2f; target p95 <= %.0f ms: %s%n",
                percentile(overhead, 95) / percentile(stockLoginPage, 95), TARGET_P95_MILLIS,
                percentile(overhead, 95) <= TARGET_P95_MILLIS ? "met" : "NOT met"));
        return out.toString();
    }

    /** CPUs, CPU model, memory, Java and the operating system, for the result file. */
    private static String machine() {
        return String.format(Locale.ROOT, "machine: %d CPUs (nproc), %s, %s; Java %s (%s %s); %s %s",
                Runtime.getRuntime().availableProcessors(), procLine("/proc/cpuinfo", "model name"),
                procLine("/proc/meminfo", "MemTotal"), System.getProperty("java.runtime.version"),
                System.getProperty("java.vm.vendor"), System.getProperty("java.vm.name"),
                System.getProperty("os.name"), System.getProperty("os.version"));
    }

    private static String procLine(String file, String key) {
        try {
            return Files.readAllLines(Path.of(file)).stream().filter(line -> line.startsWith(key)).findFirst()
                    .map(line -> key + " " + line.substring(line.indexOf(':') + 1).trim()).orElse(key + " unknown");
        } catch (IOException e) {
            return key + " unknown";
        }
    }

    private static void line(StringBuilder out, String name, double[] values) {
        out.append(String.format(Locale.ROOT, "%-34s %8.1f %8.1f %8.1f%n", name, percentile(values, 50),
                percentile(values, 95), percentile(values, 99)));
    }

    private static double[] column(List<double[]> samples, int index) {
        return samples.stream().mapToDouble(sample -> sample[index]).toArray();
    }

    private static double percentile(double[] values, int percentile) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(rank, sorted.length - 1))];
    }
}
