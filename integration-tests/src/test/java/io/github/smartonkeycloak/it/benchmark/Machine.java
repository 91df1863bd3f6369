package io.github.smartonkeycloak.it.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/** The machine a benchmark ran on, for its report: CPUs, CPU model, memory, Java, load, date. */
final class Machine {

    private Machine() {
    }

    static String describe() {
        return String.format("machine: %d CPUs, %s, Java %s (%s), load average %s, %s",
                Runtime.getRuntime().availableProcessors(), cpuModel(), System.getProperty("java.version"),
                System.getProperty("java.vm.name"), firstField("/proc/loadavg", 3), Instant.now());
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(line -> line.startsWith("model name"))
                    .map(line -> line.substring(line.indexOf(':') + 1).trim()).findFirst().orElse("unknown CPU");
        } catch (IOException e) {
            return "unknown CPU";
        }
    }

    private static String firstField(String file, int fields) {
        try {
            String[] parts = Files.readString(Path.of(file)).trim().split("\\s+");
            return String.join(" ", java.util.Arrays.copyOf(parts, Math.min(fields, parts.length)));
        } catch (IOException e) {
            return "unknown";
        }
    }
}
