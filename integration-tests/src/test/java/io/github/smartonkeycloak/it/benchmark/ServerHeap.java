package io.github.smartonkeycloak.it.benchmark;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The live heap of the Keycloak server that Keycloak's test framework started (in distribution mode a descendant
 * process of the test JVM), read with {@code jcmd}: {@code GC.class_histogram} runs a full collection and counts
 * the objects that survive it, so its total is the live heap, not the heap's occupancy between collections.
 */
final class ServerHeap {

    private static final Pattern TOTAL = Pattern.compile("(?m)^Total\\s+(\\d+)\\s+(\\d+)\\s*$");
    private static final Pattern MAX_HEAP = Pattern.compile("-XX:MaxHeapSize=(\\d+)");

    private final long pid;

    private ServerHeap(long pid) {
        this.pid = pid;
    }

    /** The Keycloak JVM below this one (its command line names {@code kc.home.dir}). */
    static ServerHeap ofKeycloak() {
        List<ProcessHandle> found = ProcessHandle.current().descendants()
                .filter(process -> process.info().command().map(command -> command.endsWith("java")).orElse(false))
                .filter(process -> process.info().arguments().map(Arrays::asList).orElse(List.of()).stream()
                        .anyMatch(argument -> argument.contains("kc.home.dir")))
                .toList();
        if (found.size() != 1) {
            throw new IllegalStateException("Expected one Keycloak JVM below the test JVM, found " + found.size()
                    + " (the benchmark needs the distribution mode of the test framework)");
        }
        return new ServerHeap(found.get(0).pid());
    }

    long pid() {
        return pid;
    }

    /** Median of {@code samples} live-heap readings, in bytes. */
    long liveBytes(int samples) throws IOException, InterruptedException {
        long[] readings = new long[samples];
        for (int i = 0; i < samples; i++) {
            Matcher total = TOTAL.matcher(jcmd("GC.class_histogram"));
            if (!total.find()) {
                throw new IllegalStateException("No total in the class histogram of " + pid);
            }
            readings[i] = Long.parseLong(total.group(2));
        }
        Arrays.sort(readings);
        return readings[samples / 2];
    }

    long maxHeapBytes() throws IOException, InterruptedException {
        Matcher max = MAX_HEAP.matcher(jcmd("VM.flags"));
        return max.find() ? Long.parseLong(max.group(1)) : -1;
    }

    String vmVersion() throws IOException, InterruptedException {
        return jcmd("VM.version").lines().skip(1).filter(line -> !line.isBlank()).findFirst().orElse("?").trim();
    }

    private String jcmd(String command) throws IOException, InterruptedException {
        String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
        return run(jcmd, String.valueOf(pid), command);
    }

    static String run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output;
        try (BufferedReader reader = process.inputReader()) {
            output = reader.lines().collect(Collectors.joining("\n"));
        }
        if (process.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
        }
        return output;
    }
}
