package io.github.smartonkeycloak.cluster.support;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The production shape, started once per test JVM and stopped by PID when it ends (also when a test fails): a
 * private PostgreSQL, two Keycloak nodes in one cluster, nginx in front, and the demo FHIR server. Everything lives in
 * {@code cluster-tests/target/cluster-<mode>} and listens on free loopback ports.
 */
public final class Cluster {

    private static final Map<String, Cluster> RUNNING = new HashMap<>();

    private final ClusterSettings settings;
    private final PostgresServer database;
    private final DemoFhirProcess fhir;
    private final NginxBalancer nginx;
    private final KeycloakNode node1;
    private final KeycloakNode node2;

    private Cluster(ClusterSettings settings) {
        this.settings = settings;
        Path folder = settings.targetFolder().resolve("cluster-" + settings.mode());
        this.database = new PostgresServer(folder);
        this.fhir = new DemoFhirProcess(folder);
        this.nginx = new NginxBalancer(folder);
        Path build = KeycloakBuild.build(settings, folder, settings.stateless());
        this.node1 = new KeycloakNode(1, KeycloakBuild.copyForNode(build, folder.resolve("node1")), folder);
        this.node2 = new KeycloakNode(2, KeycloakBuild.copyForNode(build, folder.resolve("node2")), folder);
        ClusterRealm.write(fhir.origin(), folder.resolve("node1/data/import/smart-realm.json"));
    }

    /**
     * The cluster this run tests (system property {@code cluster.mode}); the first call starts it (a few minutes),
     * later calls restart a node a test stopped.
     */
    public static Cluster get() {
        return get(ClusterSettings.fromSystemProperties().stateless());
    }

    /** The embedded or the stateless cluster, started on first use (the benchmark compares both). */
    public static synchronized Cluster get(boolean stateless) {
        ClusterSettings settings = ClusterSettings.fromSystemProperties().withStateless(stateless);
        Cluster cluster = RUNNING.get(settings.mode());
        if (cluster == null) {
            Cluster started = new Cluster(settings);
            Runtime.getRuntime().addShutdownHook(new Thread(started::stopAll, "cluster-stop-" + settings.mode()));
            started.startAll();
            RUNNING.put(settings.mode(), started);
            cluster = started;
        }
        cluster.ensureBothNodes();
        return cluster;
    }

    private void startAll() {
        database.start();
        fhir.start(settings.projectRoot(), publicHttpUrl() + "/realms/" + ClusterRealm.NAME);
        node1.start(database, true);
        node2.start(database, false);
        awaitClusterOfTwo();
        nginx.start(settings.projectRoot().resolve("docker/cluster/nginx.conf.template"), node1, node2);
        fhir.awaitReady();
    }

    private void ensureBothNodes() {
        for (KeycloakNode node : List.of(node1, node2)) {
            if (!node.isRunning()) {
                startNode(node);
            }
        }
    }

    /** Starts a stopped node again (same ports and home) and waits until both nodes see one cluster. */
    public void startNode(KeycloakNode node) {
        node.start(database, false);
        awaitClusterOfTwo();
    }

    public void stopNode(KeycloakNode node) {
        node.stop();
    }

    /** Stops both nodes, then starts both again: nothing kept in memory survives, only the database. */
    public void restartBothNodes() {
        node2.stop();
        node1.stop();
        CompletableFuture<Void> first = CompletableFuture.runAsync(() -> node1.start(database, false));
        node2.start(database, false);
        first.join();
        awaitClusterOfTwo();
    }

    private void awaitClusterOfTwo() {
        node1.awaitClusterView(2, Duration.ofSeconds(90));
        node2.awaitClusterView(2, Duration.ofSeconds(90));
    }

    /** Requests straight to {@code node}, as nginx forwards them (same public URLs and issuer). */
    public Target direct(KeycloakNode node) {
        return Target.node(node, publicHttpUrl(), nginx.httpPort());
    }

    /** Requests through nginx over http. */
    public Target balancer() {
        return Target.balancer(publicHttpUrl());
    }

    public KeycloakNode node1() {
        return node1;
    }

    public KeycloakNode node2() {
        return node2;
    }

    /** The public http URL (nginx); tokens name it as their issuer, whichever node made them. */
    public String publicHttpUrl() {
        return nginx.httpUrl();
    }

    public String publicHttpsUrl() {
        return nginx.httpsUrl();
    }

    /** The realm's URL as apps see it: through nginx over http. */
    public String realmUrl() {
        return publicHttpUrl() + "/realms/" + ClusterRealm.NAME;
    }

    /** The realm's FHIR base URL (smart.fhirBaseUrls): the demo FHIR server's, which apps send as {@code aud}. */
    public String fhirBaseUrl() {
        return fhir.origin() + "/fhir";
    }

    public Path nginxCertificate() {
        return nginx.certificate();
    }

    /** nginx's access log: one line per request, with the node that served it ({@code upstream=}). */
    public Path nginxAccessLog() {
        return nginx.accessLog();
    }

    /** Whether this cluster runs with the stateless feature. */
    public boolean stateless() {
        return settings.stateless();
    }

    /** How many rows a Keycloak table holds now (to see where Keycloak keeps its state). */
    public long rows(String table) {
        if (!table.matches("[a-z_]+")) {
            throw new IllegalArgumentException("Not a table name: " + table);
        }
        return Long.parseLong(database.psql("keycloak", "select count(*) from " + table).trim());
    }

    /** How many consents a user has given a client, as Keycloak stores them (one row per user and client). */
    public long consentsOf(String username, String clientId) {
        if (!username.matches("[a-z0-9._-]+") || !clientId.matches("[a-z0-9._-]+")) {
            throw new IllegalArgumentException("Not a plain username or client id: " + username + ", " + clientId);
        }
        return Long.parseLong(database.psql("keycloak", "select count(*) from user_consent uc"
                + " join user_entity u on u.id = uc.user_id join client c on c.id = uc.client_id"
                + " where u.username = '" + username + "' and c.client_id = '" + clientId + "'").trim());
    }

    private void stopAll() {
        nginx.stop();
        node2.stop();
        node1.stop();
        fhir.stop();
        database.stop();
    }
}
