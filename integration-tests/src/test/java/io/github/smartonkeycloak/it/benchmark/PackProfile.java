package io.github.smartonkeycloak.it.benchmark;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * JDK Flight Recorder on the Keycloak server process (started by the test framework as a child of this JVM), with
 * {@code jcmd}: CPU samples while the benchmark runs, then the share of samples with the pack on the stack and the
 * pack's hottest methods, inclusive (on the stack) and as the pack frame nearest the running code.
 */
final class PackProfile {

    private static final String PACK = "io.github.smartonkeycloak.";
    private static final String RECORDING = "smart-benchmark";

    private final long pid;
    private final Path file;

    private PackProfile(long pid, Path file) {
        this.pid = pid;
        this.file = file;
    }

    static PackProfile start() {
        ProcessHandle keycloak = ProcessHandle.current().descendants()
                .filter(process -> process.info().arguments().map(List::of).orElse(List.of()).stream()
                        .anyMatch(argument -> argument.startsWith("-Dkc.home.dir")))
                .findFirst().orElseThrow(() -> new IllegalStateException("no Keycloak server process under this JVM"));
        Path file = Path.of("target", "benchmarks", "keycloak.jfr").toAbsolutePath();
        try {
            java.nio.file.Files.createDirectories(file.getParent()); // JFR.stop writes nothing into a missing directory
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        jcmd(keycloak.pid(), "JFR.start", "name=" + RECORDING, "settings=profile");
        return new PackProfile(keycloak.pid(), file);
    }

    String stopAndReport() {
        jcmd(pid, "JFR.stop", "name=" + RECORDING, "filename=" + file);
        try {
            return report(file);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file, e);
        }
    }

    /** Which Keycloak entry point a sample serves, by the first matching frame from the bottom of its stack. */
    private static final Map<String, String> ENDPOINTS = new java.util.LinkedHashMap<>(Map.of(
            "org.keycloak.protocol.oidc.endpoints.TokenIntrospectionEndpoint", "introspection",
            "org.keycloak.protocol.oidc.endpoints.TokenEndpoint", "token endpoint (exchange, refresh)",
            "org.keycloak.services.resources.LoginActionsService", "login pages (forms posted)",
            "org.keycloak.protocol.oidc.endpoints.AuthorizationEndpoint", "authorization endpoint"));

    /** Samples of one entry point: how many, how many with the pack on the stack, and the pack's methods. */
    private static final class EntryPoint {
        int samples;
        int withPack;
        final Map<String, Integer> inclusive = new HashMap<>();
        final Map<String, Integer> nearest = new HashMap<>();
    }

    static String report(Path recording) throws IOException {
        int truncated = 0;
        Map<String, EntryPoint> paths = new java.util.TreeMap<>();
        for (RecordedEvent event : RecordingFile.readAllEvents(recording)) {
            if (!"jdk.ExecutionSample".equals(event.getEventType().getName()) || event.getStackTrace() == null) {
                continue;
            }
            truncated += event.getStackTrace().isTruncated() ? 1 : 0;
            Set<String> seen = new HashSet<>();
            String nearestPack = null;
            String endpoint = "other (background, framework)";
            for (RecordedFrame frame : event.getStackTrace().getFrames()) {
                String type = frame.getMethod().getType().getName();
                String method = type + "." + frame.getMethod().getName();
                if (method.startsWith(PACK)) {
                    seen.add(method);
                    nearestPack = nearestPack == null ? method : nearestPack;
                }
                endpoint = ENDPOINTS.getOrDefault(type, endpoint);
            }
            for (String name : List.of("all", endpoint)) {
                EntryPoint path = paths.computeIfAbsent(name, n -> new EntryPoint());
                path.samples++;
                if (nearestPack != null) {
                    path.withPack++;
                    path.nearest.merge(nearestPack, 1, Integer::sum);
                    seen.forEach(method -> path.inclusive.merge(method, 1, Integer::sum));
                }
            }
        }
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
                "%nJFR profile of Keycloak during the measured rounds (%s), %d stacks truncated at JFR's depth%n",
                recording.getFileName(), truncated));
        paths.forEach((name, path) -> {
            out.append(String.format(Locale.ROOT, "%s: %d CPU samples, %.1f %% with the pack on the stack%n", name,
                    path.samples, 100.0 * path.withPack / Math.max(1, path.samples)));
            out.append(top("pack methods on the stack (inclusive)", path.inclusive, path.samples));
            out.append(top("pack frame nearest the running code", path.nearest, path.samples));
        });
        return out.toString();
    }

    private static String top(String heading, Map<String, Integer> counts, int samples) {
        StringBuilder out = new StringBuilder("  " + heading + ":\n");
        counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(8)
                .forEach(entry -> out.append(String.format(Locale.ROOT, "    %5.1f %%  %s%n",
                        100.0 * entry.getValue() / Math.max(1, samples), entry.getKey().substring(PACK.length()))));
        return out.toString();
    }

    private static void jcmd(long pid, String... command) {
        List<String> line = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                String.valueOf(pid)));
        line.addAll(List.of(command));
        try {
            Process process = new ProcessBuilder(line).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("jcmd " + String.join(" ", command) + " failed: " + output);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run jcmd", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** For a recording made elsewhere: {@code java ... PackProfile <file.jfr>}. */
    public static void main(String[] args) throws IOException {
        System.out.print(report(Path.of(args[0])));
    }
}
