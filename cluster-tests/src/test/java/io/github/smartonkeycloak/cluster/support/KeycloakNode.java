package io.github.smartonkeycloak.cluster.support;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One Keycloak node in production mode ({@code kc.sh start --optimized}) on the shared database, with the options of
 * demo-cluster.sh. Its ports stay the same across restarts, so nginx's configuration stays valid.
 */
public final class KeycloakNode {

    private final int number;
    private final Path home;
    private final Path folder;
    private final int httpPort = Ports.free();
    private final int managementPort = Ports.free();
    private final int jgroupsPort = Ports.freeJGroups();
    private Process process;
    private int starts;
    private Path log;

    KeycloakNode(int number, Path home, Path folder) {
        this.number = number;
        this.home = home;
        this.folder = folder;
    }

    /** Starts the node and waits until its realm answers; {@code importRealm} only on node 1's first start. */
    void start(PostgresServer database, boolean importRealm) {
        starts++;
        log = folder.resolve("node" + number + (starts == 1 ? "" : "-start" + starts) + ".log");
        List<String> command = new ArrayList<>(List.of(home.resolve("bin/kc.sh").toString(), "start", "--optimized"));
        if (importRealm) {
            command.add("--import-realm");
        }
        command.addAll(List.of("--http-host=127.0.0.1", "--http-port=" + httpPort,
                "--http-management-port=" + managementPort, "--cache-embedded-network-bind-address=127.0.0.1",
                "--cache-embedded-network-bind-port=" + jgroupsPort));
        process = Processes.start(command, Map.of(
                "KC_DB_URL", database.jdbcUrl(), "KC_DB_USERNAME", "keycloak", "KC_DB_PASSWORD", database.password(),
                "KC_BOOTSTRAP_ADMIN_USERNAME", "admin", "KC_BOOTSTRAP_ADMIN_PASSWORD", "admin"), log);
        Processes.awaitHttpOk("Keycloak node " + number, baseUrl() + "/realms/smart/.well-known/smart-configuration",
                process, log, Duration.ofMinutes(4));
    }

    /** Waits until this node's log shows a cluster view of {@code members} nodes (Infinispan ISPN000094). */
    void awaitClusterView(int members, Duration timeout) {
        Pattern view = Pattern.compile("ISPN000094.*\\(" + members + "\\)");
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!view.matcher(Processes.read(log)).find()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Node " + number + " saw no cluster view of " + members + " within "
                        + timeout + "; see " + log);
            }
            Processes.sleep(500);
        }
    }

    void stop() {
        Processes.stop(process);
    }

    public boolean isRunning() {
        return process != null && process.isAlive();
    }

    public int number() {
        return number;
    }

    /** Where this node listens: plain HTTP on loopback, as behind the load balancer. */
    public String baseUrl() {
        return "http://127.0.0.1:" + httpPort;
    }

    int httpPort() {
        return httpPort;
    }

    public Path log() {
        return log;
    }

    @Override
    public String toString() {
        return "node " + number + " (" + baseUrl() + ")";
    }
}
