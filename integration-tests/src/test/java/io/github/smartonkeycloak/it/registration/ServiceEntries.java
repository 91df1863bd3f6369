package io.github.smartonkeycloak.it.registration;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/** Every {@code META-INF/services} entry in the pack's provider jars, read from the test classpath. */
record ServiceEntries(List<Entry> entries) {

    static final List<String> PROVIDER_MODULES =
            List.of("smart-scopes-provider", "launch-context-authenticator", "patient-picker-theme", "demo-ehr-launcher");

    record Entry(String module, String service, String implementation) {
    }

    static ServiceEntries ofProviderModules() {
        List<Entry> entries = new ArrayList<>();
        try {
            for (URL root : Collections.list(ServiceEntries.class.getClassLoader().getResources("META-INF/services"))) {
                String module = PROVIDER_MODULES.stream().filter(m -> root.toString().contains("/" + m)).findFirst().orElse(null);
                if (module != null) {
                    read(module, root, entries);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ServiceEntries(List.copyOf(entries));
    }

    private static void read(String module, URL root, List<Entry> entries) throws IOException {
        if ("jar".equals(root.getProtocol())) {
            JarURLConnection connection = (JarURLConnection) root.openConnection();
            try (JarFile jar = connection.getJarFile()) {
                for (var entry : Collections.list(jar.entries())) {
                    String name = entry.getName();
                    if (name.startsWith("META-INF/services/") && !entry.isDirectory()) {
                        try (InputStream in = jar.getInputStream(entry)) {
                            parse(module, name.substring("META-INF/services/".length()), in, entries);
                        }
                    }
                }
            }
        } else {
            Path directory = Paths.get(root.getPath());
            try (Stream<Path> files = Files.list(directory)) {
                for (Path file : files.toList()) {
                    try (InputStream in = Files.newInputStream(file)) {
                        parse(module, file.getFileName().toString(), in, entries);
                    }
                }
            }
        }
    }

    private static void parse(String module, String service, InputStream in, List<Entry> entries) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            String implementation = line.replaceAll("#.*", "").trim();
            if (!implementation.isEmpty()) {
                entries.add(new Entry(module, service, implementation));
            }
        }
    }
}
