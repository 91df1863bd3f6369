package io.github.smartonkeycloak.it.audit;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.smartonkeycloak.it.support.SmartServerConfig;
import org.keycloak.util.JsonSerialization;

/** The server's log file ({@link SmartServerConfig#SERVER_LOG}) from a given point on, and the AuditEvent lines in it. */
final class ServerLog {

    /** How the audit lines appear: the log category in brackets, then the JSON. */
    static final String AUDIT_CATEGORY = "[smart.audit]";

    private final Path file;
    private final long start;

    private ServerLog(Path file, long start) {
        this.file = file;
        this.start = start;
    }

    /** What the server logs from now on. */
    static ServerLog fromNow() {
        Path file = SmartServerConfig.SERVER_LOG;
        try {
            return new ServerLog(file, Files.exists(file) ? Files.size(file) : 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Everything the server has logged into the file, this run and earlier ones. */
    static String everything() {
        try {
            return Files.readString(SmartServerConfig.SERVER_LOG, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String text() {
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            long length = in.length();
            // A rotated file starts again from 0.
            long from = length < start ? 0 : start;
            byte[] bytes = new byte[(int) (length - from)];
            in.seek(from);
            in.readFully(bytes);
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    List<JsonNode> auditEvents() {
        List<JsonNode> events = new ArrayList<>();
        for (String line : text().split("\n")) {
            int json = line.indexOf("{\"resourceType\":\"AuditEvent\"");
            if (line.contains(AUDIT_CATEGORY) && json >= 0) {
                try {
                    events.add(JsonSerialization.mapper.readTree(line.substring(json)));
                } catch (IOException e) {
                    throw new UncheckedIOException("not JSON: " + line, e);
                }
            }
        }
        return events;
    }

    /** The AuditEvents logged so far, once {@code done} holds for them (they are written asynchronously), or after 15 s. */
    List<JsonNode> auditEventsWhen(Predicate<List<JsonNode>> done) throws InterruptedException {
        long deadline = System.nanoTime() + 15_000_000_000L;
        List<JsonNode> events = auditEvents();
        while (!done.test(events) && System.nanoTime() < deadline) {
            Thread.sleep(100);
            events = auditEvents();
        }
        return events;
    }
}
