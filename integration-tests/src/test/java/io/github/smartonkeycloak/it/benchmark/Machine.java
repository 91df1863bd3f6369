package io.github.smartonkeycloak.it.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.util.Locale;

/** The machine a benchmark ran on, for its report: date, CPUs, CPU model, the Java of the client and the server. */
final class Machine {

    private Machine() {
    }

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
                    .map(line -> line.substring(line.indexOf(':') + 1).trim()).findFirst().orElse("?");
        } catch (IOException e) {
            return "?";
        }
    }
}
