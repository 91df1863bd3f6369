package io.github.smartonkeycloak.cluster.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * A private PostgreSQL server (Debian's binaries, the newest version installed) on a free port, as docker/cluster/demo-cluster.sh starts it:
 * initdb with a random password for the user {@code keycloak}, then the database {@code keycloak}.
 */
final class PostgresServer {

    static final Path BIN = newestInstalledBin();
    private static final boolean ROOT = "root".equals(System.getProperty("user.name"));

    private final Path root;
    private final Path log;
    private final int port = Ports.free();
    private final String password = randomPassword();
    private final Path tmpRoot;
    private Process process;

    PostgresServer(Path folder) {
        this.log = folder.resolve("postgres.log");
        Path wanted = folder.resolve("postgres");
        Processes.run(List.of("rm", "-rf", wanted.toString()), Map.of(), Duration.ofSeconds(60));
        mkdirs(wanted);
        if (ROOT) {
            Processes.run(List.of("chown", "postgres:", wanted.toString()), Map.of(), Duration.ofSeconds(10));
            // The postgres user must reach the folder; a checkout under a private home (such as /root) does not let it.
            if (!reachableByPostgres(wanted)) {
                wanted = Path.of(Processes.run(List.of("mktemp", "-d", "/tmp/smart-cluster-pgdata.XXXXXX"), Map.of(),
                        Duration.ofSeconds(10)).trim());
                Processes.run(List.of("chown", "postgres:", wanted.toString()), Map.of(), Duration.ofSeconds(10));
                tmpRoot = wanted;
            } else {
                tmpRoot = null;
            }
        } else {
            tmpRoot = null;
        }
        this.root = wanted;
    }

    void start() {
        Path passwordFile = root.resolve("initial-password");
        asPostgres(List.of("sh", "-c", "umask 077; printf '%s' '" + password + "' > '" + passwordFile + "'"));
        asPostgres(List.of(BIN.resolve("initdb").toString(), "-D", root.resolve("data").toString(), "-U", "keycloak",
                "--auth=scram-sha-256", "--pwfile=" + passwordFile, "--encoding=UTF8", "--locale=C"));
        asPostgres(List.of("rm", "-f", passwordFile.toString()));
        process = Processes.start(command(List.of(BIN.resolve("postgres").toString(), "-D", root.resolve("data").toString(),
                "-p", String.valueOf(port), "-k", root.toString(), "-c", "listen_addresses=127.0.0.1")), Map.of(), log);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            try {
                psql("postgres", "select 1");
                break;
            } catch (IllegalStateException notYet) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    throw new IllegalStateException("PostgreSQL did not start:\n" + Processes.tail(Processes.read(log)));
                }
                Processes.sleep(500);
            }
        }
        psql("postgres", "create database keycloak");
    }

    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/keycloak";
    }

    String password() {
        return password;
    }

    /** Runs SQL in a database as the {@code keycloak} user; returns its unaligned output. */
    String psql(String database, String sql) {
        return Processes.run(List.of(BIN.resolve("psql").toString(), "-h", "127.0.0.1", "-p", String.valueOf(port),
                "-U", "keycloak", "-d", database, "-Atqc", sql), Map.of("PGPASSWORD", password), Duration.ofSeconds(30));
    }

    void stop() {
        Processes.stop(process);
        if (tmpRoot != null) {
            Processes.run(List.of("rm", "-rf", tmpRoot.toString()), Map.of(), Duration.ofSeconds(60));
        }
    }

    private static String randomPassword() {
        byte[] bytes = new byte[16];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private static boolean reachableByPostgres(Path folder) {
        try {
            Processes.run(List.of("runuser", "-u", "postgres", "--", "test", "-w", folder.toString()), Map.of(),
                    Duration.ofSeconds(10));
            return true;
        } catch (IllegalStateException e) {
            return false;
        }
    }

    private void asPostgres(List<String> command) {
        Processes.run(command(command), Map.of(), Duration.ofSeconds(120));
    }

    /** PostgreSQL refuses to run as root: as root, its commands run as the postgres user the Debian package creates. */
    private static List<String> command(List<String> command) {
        List<String> full = new ArrayList<>();
        if (ROOT) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(command);
        return full;
    }

    private static void mkdirs(Path folder) {
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** /usr/lib/postgresql/<newest version>/bin, as demo-cluster.sh picks it; run-tests.sh installs postgresql. */
    private static Path newestInstalledBin() {
        try (var versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            return versions.filter(dir -> Files.isExecutable(dir.resolve("bin/postgres")))
                    .max(java.util.Comparator.comparingInt(dir -> Integer.parseInt(dir.getFileName().toString())))
                    .map(dir -> dir.resolve("bin"))
                    .orElseThrow(() -> new IllegalStateException(
                            "PostgreSQL is not installed: sudo apt-get install -y postgresql (run-tests.sh does it)"));
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL is not installed (no /usr/lib/postgresql): "
                    + "sudo apt-get install -y postgresql (run-tests.sh does it)", e);
        }
    }
}
