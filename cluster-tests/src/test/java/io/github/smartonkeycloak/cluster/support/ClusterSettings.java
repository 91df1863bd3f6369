package io.github.smartonkeycloak.cluster.support;

import java.nio.file.Path;

/** Where the build put things (system properties set by cluster-tests/pom.xml), and which cluster to run. */
record ClusterSettings(Path keycloakHome, Path providers, Path projectRoot, boolean stateless) {

    static ClusterSettings fromSystemProperties() {
        return new ClusterSettings(path("cluster.keycloak.home"), path("cluster.providers"),
                path("cluster.project.root"), "stateless".equals(System.getProperty("cluster.mode", "embedded")));
    }

    ClusterSettings withStateless(boolean stateless) {
        return new ClusterSettings(keycloakHome, providers, projectRoot, stateless);
    }

    /** {@code embedded} or {@code stateless}: names the working folder under target/. */
    String mode() {
        return stateless ? "stateless" : "embedded";
    }

    Path targetFolder() {
        return keycloakHome.getParent();
    }

    private static Path path(String property) {
        String value = System.getProperty(property);
        if (value == null) {
            throw new IllegalStateException("System property " + property + " is not set; run through Maven (cluster-tests/pom.xml)");
        }
        return Path.of(value).toAbsolutePath().normalize();
    }
}
