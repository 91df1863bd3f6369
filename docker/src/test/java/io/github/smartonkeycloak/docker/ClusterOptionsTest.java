package io.github.smartonkeycloak.docker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * The production options that ./run-demo.sh --cluster and the cluster-tests module run (docker/cluster) stay in step
 * with the Docker image, and the load balancer template stays what docs/install.md says it is. Whether the cluster
 * works is proven by the cluster-tests module on real nodes; this only keeps the files from drifting apart.
 */
class ClusterOptionsTest {

    private static final Path ROOT = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().normalize().getParent();
    private static final Path CLUSTER = ROOT.resolve("docker/cluster");
    /** Where keycloak-cluster.conf's run-time part begins; the lines above it are build options. */
    private static final String RUN_TIME_HEADING = "# --- Run-time options.";
    private static final Pattern PLACEHOLDER = Pattern.compile("@([A-Z0-9_]+)@");
    private static final Pattern SED_PLACEHOLDER = Pattern.compile("-e \"s\\|@([A-Z0-9_]+)@\\|");

    @Test
    void theImageIsBuiltWithTheTestedBuildOptions() throws IOException {
        String dockerfile = Files.readString(ROOT.resolve("docker/Dockerfile"));
        Map<String, String> buildOptions = options(clusterConf().substring(0, clusterConf().indexOf(RUN_TIME_HEADING)));

        assertThat(buildOptions).containsKeys("db", "cache", "cache-stack");
        buildOptions.forEach((name, value) -> assertThat(dockerfile)
                .as("the production image bakes in %s=%s", name, value)
                .containsPattern("(?m)^(ENV |\\s+)" + Pattern.quote(environmentVariable(name) + "=" + value) + "\\b"));
    }

    @Test
    void theClusterOptionsHoldNoSecretAndNoPerNodeValue() throws IOException {
        Map<String, String> options = options(clusterConf());

        assertThat(options.keySet()).noneMatch(name -> name.matches(".*(password|secret|username|db-url).*"));
        assertThat(options.keySet()).as("ports differ per node: the command line sets them")
                .noneMatch(name -> name.endsWith("-port"));
        assertThat(options).containsEntry("proxy-headers", "xforwarded")
                .containsEntry("proxy-trusted-addresses", "127.0.0.1")
                .containsEntry("http-enabled", "true");
    }

    @Test
    void theDemoFillsEveryPlaceholderOfTheLoadBalancerTemplate() throws IOException {
        Set<String> inTemplate = matches(PLACEHOLDER, withoutComments(nginxTemplate()));
        Set<String> filledByTheDemo = matches(SED_PLACEHOLDER, Files.readString(CLUSTER.resolve("demo-cluster.sh")));

        assertThat(inTemplate).containsExactlyInAnyOrder("PREFIX", "HTTP_PORT", "HTTPS_PORT", "NODE1", "NODE2", "CERT", "KEY");
        assertThat(filledByTheDemo).isEqualTo(inTemplate);
    }

    @Test
    void theLoadBalancerIsRoundRobinAndNeverResendsAReceivedPost() throws IOException {
        String template = withoutComments(nginxTemplate());

        assertThat(template).as("no stickiness").doesNotContainPattern("\\b(ip_hash|hash|sticky)\\b");
        assertThat(template).containsPattern("proxy_next_upstream error timeout;")
                .doesNotContain("non_idempotent");
        assertThat(template).as("Keycloak learns the scheme, host and port the client used")
                .contains("X-Forwarded-Proto $scheme", "X-Forwarded-Host $host", "X-Forwarded-Port $server_port");
        assertThat(template).containsPattern("listen 127\\.0\\.0\\.1:@HTTPS_PORT@ ssl;");
    }

    private static String clusterConf() throws IOException {
        return Files.readString(CLUSTER.resolve("keycloak-cluster.conf"));
    }

    private static String nginxTemplate() throws IOException {
        return Files.readString(CLUSTER.resolve("nginx.conf.template"));
    }

    /** name=value lines of a keycloak.conf, in order; comments and blank lines skipped. */
    private static Map<String, String> options(String conf) {
        Map<String, String> options = new LinkedHashMap<>();
        for (String line : withoutComments(conf).split("\n")) {
            int equals = line.indexOf('=');
            if (equals > 0) {
                options.put(line.substring(0, equals).trim(), line.substring(equals + 1).trim());
            }
        }
        return options;
    }

    private static String withoutComments(String text) {
        return text.replaceAll("(?m)^\\s*#.*$", "");
    }

    /** Keycloak's environment form of an option: KC_ + upper case, '-' to '_'. */
    private static String environmentVariable(String option) {
        return "KC_" + option.toUpperCase().replace('-', '_');
    }

    private static Set<String> matches(Pattern pattern, String text) {
        Set<String> found = new TreeSet<>();
        Matcher matcher = pattern.matcher(text);
        while (matcher.find()) {
            found.add(matcher.group(1));
        }
        return found;
    }
}
