package io.github.smartonkeycloak.it.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.util.Locale;

/** The machine a benchmark ran on, for its report: CPUs, CPU model, memory, Java, load, date. */
final class Machine {

    private Machine() {
    }

    static String describe() {
        return String.format(Locale.ROOT, "machine: %d CPUs, %s, Java %s (%s), load average %s, %s",
                Runtime.getRuntime().availableProcessors(), cpuModel(), System.getProperty("java.version"),
                System.getProperty("java.vm.name"), firstFields("/proc/loadavg", 3), Instant.now());
    }

    /** The same, with the Java and heap of the Keycloak server process. */
    static String describe(ServerHeap server) throws IOException, InterruptedException {
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        return String.format(Locale.ROOT, "date: %s%nnproc: %s%ncpu: %s%nclient java -version: %s%n"
                + "server JVM (pid %d): %s, max heap %,d MB%n", Instant.now(), ServerHeap.run("nproc").trim(), cpuModel(),
                ServerHeap.run(java, "-version").lines().reduce((a, b) -> a + " / " + b).orElse("?"), server.pid(),
                server.vmVersion(), server.maxHeapBytes() >> 20);
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(line -> line.startsWith("model name"))
                    .map(line -> line.substring(line.indexOf(':') + 1).trim()).findFirst().orElse("unknown CPU");
        } catch (IOException e) {
            return "unknown CPU";
        }
    }

    private static String firstFields(String file, int fields) {
        try {
            String[] parts = Files.readString(Path.of(file)).trim().split("\\s+");
            return String.join(" ", java.util.Arrays.copyOf(parts, Math.min(fields, parts.length)));
        } catch (IOException e) {
            return "unknown";
        }
    }
}
