package io.github.smartonkeycloak.it.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import io.github.smartonkeycloak.it.benchmark.SessionMaker.Kind;
import io.github.smartonkeycloak.it.support.Http;
import io.github.smartonkeycloak.it.support.SmartRealm;
import io.github.smartonkeycloak.it.support.TokenEndpoint;
import org.junit.jupiter.api.Test;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.injection.LifeCycle;
import org.keycloak.testframework.realm.ManagedRealm;

/**
 * Active sessions on one Keycloak. (1) The live heap each session adds: the server's heap after a full collection
 * at a baseline, after {@code bench.sessions.memory} plain OpenID Connect sessions, and, after those are logged out,
 * after as many SMART sessions (standalone launch, patient in context). (2) Token latency as SMART sessions grow to
 * the last of {@code bench.sessions.checkpoints}: at each checkpoint, sequential refreshes and introspections of
 * tokens of sessions picked at random among all made so far, with their median and p95, and the live heap. The p95
 * at the last checkpoint may be at most {@code bench.sessions.maxLatencyRatio} times that at the first. With
 * {@code -Dbench.sessions.plainAlongside=true}, as many plain sessions are made next to the SMART ones and their
 * refreshes timed in the same checkpoints, so growth Keycloak shows for any session can be told from the pack's.
 * Keycloak's in-memory session cache holds {@code bench.sessions.cacheMaxCount} sessions
 * ({@link SessionScaleServerConfig}). Results go to {@code target/benchmarks/session-scale.txt}.
 */
@KeycloakIntegrationTest(config = SessionScaleServerConfig.class)
class SessionScaleBenchmark {

    private static final int MEMORY_SESSIONS = Integer.getInteger("bench.sessions.memory", 10_000);
    private static final int[] CHECKPOINTS = Arrays.stream(System.getProperty("bench.sessions.checkpoints",
            "1000,10000,25000,50000,100000").split(",")).mapToInt(value -> Integer.parseInt(value.trim())).toArray();
    /**
     * Patient users the sessions are spread over; by default as many as the last checkpoint's sessions, so that each
     * user holds one session there, as people do. Keycloak's refresh slows with the number of sessions of the same
     * user (1,000 users holding 30 sessions each: refresh p50 4.8 to 20.9 ms from 1,000 to 30,000 sessions; 30,000
     * users: flat), which is not what a node with many users sees.
     */
    private static final int USERS = Integer.getInteger("bench.sessions.users", CHECKPOINTS[CHECKPOINTS.length - 1]);
    private static final int THREADS = Integer.getInteger("bench.sessions.threads", 6);
    private static final int LATENCY_REQUESTS = Integer.getInteger("bench.sessions.latencyRequests", 300);
    /** The example bound; on a shared 2-core machine one run's p95 moved from 43 ms to 14 ms between checkpoints. */
    private static final double MAX_LATENCY_RATIO = Double.parseDouble(System.getProperty("bench.sessions.maxLatencyRatio", "1.5"));
    /** 10,000 sessions each measured 7,811 B plain and 7,883 B SMART; 4 KiB more per SMART session is a regression. */
    private static final long MAX_SMART_EXTRA_BYTES = Long.getLong("bench.sessions.maxSmartExtraBytes", 4096);
    private static final boolean PLAIN_ALONGSIDE = Boolean.getBoolean("bench.sessions.plainAlongside");
    private static final int WARMUP_SESSIONS = 500;
    private static final int HEAP_SAMPLES = 3;
    private static final int KEPT_SESSIONS = 2_000;
    private static final Path RESULT = Path.of("target", "benchmarks", "session-scale.txt");

    /** The class's own realm, removed after it with its users and sessions (one by one, 100,000 users take long). */
    @InjectRealm(fromJson = SmartRealm.JSON, config = SmartRealm.FreshId.class, lifecycle = LifeCycle.CLASS)
    ManagedRealm realm;

    private final StringBuilder report = new StringBuilder();

    @Test
    void memoryPerSessionAndTokenLatencyAsSessionsGrow() throws Exception {
        ServerHeap heap = ServerHeap.ofKeycloak();
        SessionMaker maker = SessionMaker.setUp(realm, USERS, THREADS);
        report.append(Machine.describe(heap));
        line("settings: %d client threads, %d patient users, %d sessions per memory step, checkpoints %s, %d latency "
                + "samples per checkpoint, Keycloak's session cache %s entries, plain sessions alongside: %s", THREADS,
                USERS, MEMORY_SESSIONS, Arrays.toString(CHECKPOINTS), LATENCY_REQUESTS,
                SessionScaleServerConfig.cacheMaxCount(), PLAIN_ALONGSIDE);

        // Warm-up: the JIT, the caches and the database's tables see both kinds before anything is measured.
        maker.make(Kind.PLAIN, 0, WARMUP_SESSIONS, null, 1);
        maker.make(Kind.SMART, 0, WARMUP_SESSIONS, null, 1);
        double[] perSession = memoryPerSession(heap, maker);
        SessionScaleTable table = latencyAsSessionsGrow(heap, maker);

        assertThat(perSession[1] - perSession[0]).as("heap a SMART session adds over a plain one, bytes (target <= %d)",
                MAX_SMART_EXTRA_BYTES).isLessThanOrEqualTo(MAX_SMART_EXTRA_BYTES);
        try {
            table.assertFlat(MAX_LATENCY_RATIO);
        } finally {
            write();
        }
    }

    /** Bytes per plain session, per SMART session. */
    private double[] memoryPerSession(ServerHeap heap, SessionMaker maker) throws Exception {
        line("%n(1) live heap per session, %d sessions of each kind", MEMORY_SESSIONS);
        logOutEveryone();
        long baseline = heap.liveBytes(HEAP_SAMPLES);
        double rate = maker.make(Kind.PLAIN, 0, MEMORY_SESSIONS, null, 1);
        assertSessions(SessionMaker.PLAIN_APP, MEMORY_SESSIONS);
        long plain = heap.liveBytes(HEAP_SAMPLES);
        line("plain: baseline %,d B, after %,d B (made %.1f/s)", baseline, plain, rate);
        logOutEveryone();
        long smartBaseline = heap.liveBytes(HEAP_SAMPLES);
        rate = maker.make(Kind.SMART, 0, MEMORY_SESSIONS, null, 1);
        assertSessions(SessionMaker.SMART_APP, MEMORY_SESSIONS);
        long smart = heap.liveBytes(HEAP_SAMPLES);
        line("SMART: baseline %,d B, after %,d B (made %.1f/s)", smartBaseline, smart, rate);
        double perPlain = (plain - baseline) / (double) MEMORY_SESSIONS;
        double perSmart = (smart - smartBaseline) / (double) MEMORY_SESSIONS;
        line("bytes per plain session %.0f, per SMART session %.0f, SMART - plain %.0f (target <= %d)", perPlain,
                perSmart, perSmart - perPlain, MAX_SMART_EXTRA_BYTES);
        write();
        return new double[] {perPlain, perSmart};
    }

    private SessionScaleTable latencyAsSessionsGrow(ServerHeap heap, SessionMaker maker) throws Exception {
        line("%n(2) SMART sessions on one node: token latency (sequential requests, ms) and live heap");
        logOutEveryone();
        long baseline = heap.liveBytes(HEAP_SAMPLES);
        line("live heap with no session: %,d B", baseline);
        SessionScaleTable table = new SessionScaleTable(report);
        int keepEvery = Math.max(1, CHECKPOINTS[CHECKPOINTS.length - 1] / KEPT_SESSIONS);
        List<String[]> kept = new ArrayList<>();
        List<String[]> keptPlain = new ArrayList<>();
        Random random = new Random(15);
        int made = 0;
        long started = System.nanoTime();
        for (int checkpoint : CHECKPOINTS) {
            double rate = maker.make(Kind.SMART, made, checkpoint - made, kept, keepEvery);
            if (PLAIN_ALONGSIDE) {
                maker.make(Kind.PLAIN, made, checkpoint - made, keptPlain, keepEvery);
            }
            made = checkpoint;
            double minutes = (System.nanoTime() - started) / 60e9;
            assertSessions(SessionMaker.SMART_APP, made);
            double[][] latencies = latencies(kept, random);
            table.add(made, rate, minutes, latencies[0], latencies[1], heap.liveBytes(HEAP_SAMPLES), baseline);
            if (PLAIN_ALONGSIDE) {
                assertSessions(SessionMaker.PLAIN_APP, made);
                double[] plain = plainRefreshes(keptPlain, random);
                line("%9s plain sessions alongside (%d): refresh p50 %.1f ms, p95 %.1f ms (SMART above: p50 %.1f, p95 %.1f)",
                        "", made, SessionScaleTable.percentile(plain, 50), SessionScaleTable.percentile(plain, 95),
                        SessionScaleTable.percentile(latencies[0], 50), SessionScaleTable.percentile(latencies[0], 95));
            }
            write();
        }
        return table;
    }

    /** Refresh and introspection times, ms, of tokens of SMART sessions picked at random; the refresh tokens rotate. */
    private double[][] latencies(List<String[]> kept, Random random) {
        return times(kept, random, true);
    }

    /** Refresh times, ms, of plain sessions picked at random (confidential client, HTTP Basic), the same way. */
    private double[] plainRefreshes(List<String[]> kept, Random random) {
        return times(kept, random, false)[0];
    }

    /** Sequential refreshes, and for SMART sessions introspections, after 20 unmeasured ones. */
    private double[][] times(List<String[]> kept, Random random, boolean smart) {
        TokenEndpoint tokens = new TokenEndpoint(realm.getBaseUrl());
        int warmup = 20;
        double[] refresh = new double[LATENCY_REQUESTS];
        double[] introspect = new double[smart ? LATENCY_REQUESTS : 0];
        for (int i = 0; i < warmup + LATENCY_REQUESTS; i++) {
            String[] session = kept.get(random.nextInt(kept.size()));
            long t0 = System.nanoTime();
            Http.Response refreshed = smart
                    ? tokens.refreshAsPublicClient(session[0], SessionMaker.SMART_APP, null)
                    : tokens.refreshWithBasic(session[0], SessionMaker.PLAIN_APP, SessionMaker.PLAIN_SECRET);
            long t1 = System.nanoTime();
            assertThat(refreshed.status()).as(refreshed.body()).isEqualTo(200);
            session[0] = refreshed.json().path("refresh_token").asText();
            session[1] = refreshed.json().path("access_token").asText();
            if (i >= warmup) {
                refresh[i - warmup] = (t1 - t0) / 1e6;
            }
            if (!smart) {
                continue;
            }
            assertThat(refreshed.json().path("patient").asText()).isEqualTo(SessionMaker.PATIENT);
            long t2 = System.nanoTime();
            Http.Response introspection = tokens.introspect(session[1], "demo-fhir-server", "demo-fhir-server-secret");
            long t3 = System.nanoTime();
            assertThat(introspection.json().path("active").asBoolean()).as(introspection.body()).isTrue();
            if (i >= warmup) {
                introspect[i - warmup] = (t3 - t2) / 1e6;
            }
        }
        return new double[][] {refresh, introspect};
    }

    /** Logs every user of the realm out (Keycloak removes their sessions from the database and the caches). */
    private void logOutEveryone() throws InterruptedException {
        realm.admin().logoutAll();
        assertSessions(SessionMaker.SMART_APP, 0);
        assertSessions(SessionMaker.PLAIN_APP, 0);
    }

    /** Keycloak writes sessions to its database in batches: waits up to 30 s for the count to settle. */
    private void assertSessions(String clientId, long expected) throws InterruptedException {
        String id = realm.admin().clients().findByClientId(clientId).get(0).getId();
        long count = -1;
        for (int attempt = 0; attempt < 60 && count != expected; attempt++) {
            if (attempt > 0) {
                Thread.sleep(500);
            }
            count = ((Number) realm.admin().clients().get(id).getApplicationSessionCount().get("count")).longValue();
        }
        assertThat(count).as("active sessions of " + clientId).isEqualTo(expected);
    }

    private void line(String format, Object... arguments) {
        report.append(String.format(Locale.ROOT, format, arguments)).append('\n');
    }

    private void write() throws Exception {
        Files.createDirectories(RESULT.getParent());
        Files.writeString(RESULT, report);
        System.out.println(report);
    }
}
