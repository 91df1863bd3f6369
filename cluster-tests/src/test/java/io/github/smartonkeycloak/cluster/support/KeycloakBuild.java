package io.github.smartonkeycloak.cluster.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The production Keycloak of the cluster, made as docker/cluster/demo-cluster.sh makes it: the unpacked distribution,
 * the pack's jars in providers/, conf/keycloak.conf = realm-export/keycloak.conf + docker/cluster/keycloak-cluster.conf,
 * {@code kc.sh build} once, then one copy of the built home per node, so that the nodes never share data/.
 */
final class KeycloakBuild {

    private KeycloakBuild() {
    }

    /** Builds into {@code folder/keycloak-build}; with {@code stateless}, the feature list gains {@code stateless}. */
    static Path build(ClusterSettings settings, Path folder, boolean stateless) {
        Path build = folder.resolve("keycloak-build");
        run(List.of("rm", "-rf", build.toString()));
        run(List.of("cp", "-a", settings.keycloakHome().toString(), build.toString()));
        run(List.of("rm", "-rf", build.resolve("data").toString()));
        try (var jars = Files.list(settings.providers())) {
            for (Path jar : jars.filter(p -> p.toString().endsWith(".jar")).toList()) {
                Files.copy(jar, build.resolve("providers").resolve(jar.getFileName()));
            }
            String packOptions = Files.readString(settings.projectRoot().resolve("realm-export/keycloak.conf"));
            String clusterOptions = Files.readString(settings.projectRoot().resolve("docker/cluster/keycloak-cluster.conf"));
            // The feature goes into conf/keycloak.conf, not on the build's command line: start --optimized exits
            // (code 2, only a warning in the log) when a build option in the conf differs from what was built.
            String features = features(packOptions);
            String options = stateless ? packOptions.replace(features, features + ",stateless") : packOptions;
            Files.writeString(build.resolve("conf/keycloak.conf"), options + clusterOptions);
            Files.writeString(folder.resolve("build.log"), Processes.run(
                    List.of(build.resolve("bin/kc.sh").toString(), "build"), Map.of(), Duration.ofMinutes(5)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return build;
    }

    /** A node's own copy of the built home. */
    static Path copyForNode(Path build, Path nodeHome) {
        run(List.of("rm", "-rf", nodeHome.toString()));
        run(List.of("cp", "-a", build.toString(), nodeHome.toString()));
        return nodeHome;
    }

    private static String features(String keycloakConf) {
        return keycloakConf.lines().filter(line -> line.startsWith("features="))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("realm-export/keycloak.conf has no features= line"));
    }

    private static void run(List<String> command) {
        Processes.run(command, Map.of(), Duration.ofMinutes(2));
    }
}
