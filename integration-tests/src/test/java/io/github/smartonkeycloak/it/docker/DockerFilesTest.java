package io.github.smartonkeycloak.it.docker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathExpressionException;
import javax.xml.xpath.XPathFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * What can be checked of the Docker files without Docker (the project's machines have none): the Dockerfile, the
 * compose file, {@code .env.example} and the proxy's nginx config agree with each other, with the pom's Keycloak
 * version, with the built jars and with the URLs of the shipped realm. Whether the stack starts is not checked.
 */
class DockerFilesTest {

    /** The repository root: surefire runs in the module directory. */
    private static final Path ROOT = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().normalize().getParent();
    private static final Path DOCKER = ROOT.resolve("docker");
    private static final Set<String> SERVICES = Set.of("postgres", "keycloak", "hapi-fhir", "proxy");
    /** Keycloak's URL in run-demo.sh, the README and the tests; the realm's relative client URLs resolve against it. */
    private static final String KEYCLOAK_URL = "http://localhost:8080";
    /** Where Inferno runs: hosted, a local Docker install, the development server (realm-export/inferno). */
    private static final List<String> INFERNO_ORIGINS = List.of("https://inferno.healthit.gov", "http://localhost",
            "http://localhost:4567");
    /** Keycloak's default HTTP port in its container. */
    private static final int KEYCLOAK_HTTP_PORT = 8080;
    private static final Pattern SECRET_NAME = Pattern.compile("(?i).*(PASSWORD|SECRET|TOKEN|_KEY).*");
    /** A required variable, {@code ${NAME:?message}}: a missing one stops Compose instead of using a default. */
    private static final Pattern REQUIRED_VARIABLE = Pattern.compile("\\$\\{[A-Za-z_][A-Za-z0-9_]*:\\?[^}]*}");
    /** {@code $NAME} or {@code ${NAME...}}, but not {@code $$}, which Compose passes on as a literal {@code $}. */
    private static final Pattern VARIABLE_REFERENCE =
            Pattern.compile("(?<!\\$)\\$(?:\\{([A-Za-z_][A-Za-z0-9_]*)|([A-Za-z_][A-Za-z0-9_]*))");

    private final Map<String, Object> compose = yaml(read(DOCKER.resolve("docker-compose.yml")));
    private final List<Instruction> dockerfile = instructions(read(DOCKER.resolve("Dockerfile")));
    private final Document pom = pom(ROOT.resolve("pom.xml"));
    private final String nginx = read(DOCKER.resolve("proxy/default.conf"));
    private final JsonNode realm = json(ROOT.resolve("realm-export/smart-realm.json"));
    private final URI fhirBaseUrl = URI.create(realm.path("attributes").path("smart.fhirBaseUrls").asText().split("[\\s,]+")[0]);

    @Test
    void composeDefinesTheFourServicesWithHealthChecksAndStartOrder() {
        assertThat(services().keySet()).containsExactlyInAnyOrderElementsOf(SERVICES);

        assertThat(healthTest("postgres")).contains("pg_isready");
        assertThat(healthTest("keycloak")).contains("/dev/tcp/127.0.0.1/9000", "GET /health/ready", "200");
        String proxyHealthUrl = "http://127.0.0.1:" + fhirBaseUrl.getPort() + "/healthz";
        assertThat(healthTest("proxy")).contains(proxyHealthUrl);
        assertThat(location("= /healthz")).contains("return 200");
        // HAPI's image is distroless: nothing to run a check with (documented in the compose file).
        assertThat(service("hapi-fhir")).doesNotContainKey("healthcheck");

        assertThat(dependsOn("keycloak")).containsEntry("postgres", "service_healthy").containsEntry("proxy", "service_healthy");
        assertThat(dependsOn("proxy")).containsEntry("hapi-fhir", "service_started");
        assertThat(dependsOn("postgres")).isEmpty();
    }

    @Test
    void imagesArePinned() {
        for (String name : SERVICES) {
            String image = (String) service(name).get("image");
            assertThat(image).as(name).matches("[a-z0-9./-]+:v?\\d+(\\.\\d+)*(-[a-z0-9.-]+)?|smart-on-keycloak");
        }
        assertThat(service("keycloak")).containsKey("build");
    }

    @Test
    void noSecretIsWrittenInTheFiles() {
        services().forEach((name, service) -> environment(service).forEach((variable, value) -> {
            if (SECRET_NAME.matcher(variable).matches()) {
                assertThat(value).as(name + " " + variable).matches(REQUIRED_VARIABLE);
            }
        }));
        for (Instruction instruction : dockerfile) {
            if (instruction.is("ENV") || instruction.is("ARG")) {
                assertThat(instruction.arguments()).as(instruction.text()).doesNotContainPattern(SECRET_NAME);
            }
        }
        envExample().forEach((variable, value) -> {
            if (SECRET_NAME.matcher(variable).matches()) {
                assertThat(value).as(".env.example " + variable).isEqualTo("change-me");
            }
        });
        assertThat(read(ROOT.resolve(".gitignore")).lines().map(String::trim)).as(".env must stay out of git")
                .contains("docker/.env");
    }

    @Test
    void envExampleHasExactlyTheVariablesComposeUses() {
        Set<String> used = new LinkedHashSet<>();
        for (String text : scalars(compose)) {
            Matcher reference = VARIABLE_REFERENCE.matcher(text);
            while (reference.find()) {
                used.add(reference.group(1) != null ? reference.group(1) : reference.group(2));
            }
        }

        assertThat(used).isNotEmpty();
        assertThat(envExample().keySet()).containsExactlyInAnyOrderElementsOf(used);
    }

    @Test
    void keycloakVersionIsThePomsEverywhere() {
        String version = xpath(pom, "/project/properties/keycloak.version");

        assertThat(dockerfile.stream().filter(i -> i.is("ARG")).map(Instruction::arguments))
                .contains("KEYCLOAK_VERSION=" + version);
        assertThat(dockerfile.stream().filter(i -> i.is("FROM")).map(Instruction::arguments))
                .hasSize(2)
                .allMatch(from -> from.startsWith("quay.io/keycloak/keycloak:${KEYCLOAK_VERSION}"));
        Map<?, ?> build = (Map<?, ?>) service("keycloak").get("build");
        Path context = DOCKER.resolve(String.valueOf(build.get("context"))).normalize();
        assertThat(context).isEqualTo(ROOT);
        assertThat(context.resolve(String.valueOf(build.get("dockerfile")))).isEqualTo(DOCKER.resolve("Dockerfile"));
        assertThat(String.valueOf(((Map<?, ?>) build.get("args")).get("KEYCLOAK_VERSION"))).isEqualTo(version);
    }

    @Test
    void dockerfileBuildsAnOptimizedKeycloakOnPostgres() {
        List<List<Instruction>> stages = stages();
        assertThat(stages).hasSize(2);
        List<Instruction> builder = stages.get(0);
        List<Instruction> runtime = stages.get(1);

        assertThat(builder.get(0).arguments()).endsWith(" AS builder");
        assertThat(builder.stream().filter(i -> i.is("ENV")).flatMap(i -> Arrays.stream(i.arguments().split(" "))))
                .contains("KC_HEALTH_ENABLED=true", "KC_METRICS_ENABLED=true",
                        "KC_DB=" + environment(service("keycloak")).get("KC_DB"));
        assertThat(builder).last().isEqualTo(new Instruction("RUN", "/opt/keycloak/bin/kc.sh build"));
        assertThat(runtime).contains(new Instruction("COPY", "--from=builder /opt/keycloak/ /opt/keycloak/"));
        assertThat(runtime.stream().filter(i -> i.is("CMD")).map(Instruction::arguments)).singleElement().asString()
                .contains("\"start\"", "\"--optimized\"");
        assertThat(copies()).containsEntry("realm-export/smart-realm.json", "/opt/keycloak/data/import/smart-realm.json")
                .containsEntry("realm-export/keycloak.conf", "/opt/keycloak/conf/keycloak.conf");
        assertThat(String.valueOf(service("keycloak").get("command"))).contains("start", "--optimized", "--import-realm");
    }

    @Test
    void keycloakUsesTheStacksPostgres() {
        Map<String, String> postgres = environment(service("postgres"));
        Map<String, String> keycloak = environment(service("keycloak"));

        assertThat(keycloak).containsEntry("KC_DB", "postgres")
                .containsEntry("KC_DB_URL", "jdbc:postgresql://postgres:5432/" + postgres.get("POSTGRES_DB"))
                .containsEntry("KC_DB_USERNAME", postgres.get("POSTGRES_USER"))
                .containsEntry("KC_DB_PASSWORD", postgres.get("POSTGRES_PASSWORD"));
    }

    @Test
    void everythingTheDockerfileCopiesExistsAndPassesDockerignore() {
        String version = xpath(pom, "/project/version");
        List<String> dockerignore = read(ROOT.resolve(".dockerignore")).lines().map(String::trim)
                .filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
        assertThat(dockerignore).first().as("everything else stays out of the build context").isEqualTo("*");

        int jars = 0;
        for (String source : copies().keySet()) {
            Path path = ROOT.resolve(source);
            if (source.contains("*")) {
                String module = source.substring(0, source.indexOf('/'));
                assertThat(filesMatching(path)).as(source + " (built by ./mvnw package)")
                        .containsExactly(module + "-" + version + ".jar");
                jars++;
            } else {
                assertThat(path).as(source).isRegularFile();
            }
            assertThat(dockerignore).as("let in by .dockerignore").contains("!" + source);
        }
        assertThat(jars).as("one jar per provider module").isEqualTo(3);
    }

    @Test
    void portsAndUrlsAreThoseOfTheRealm() {
        int keycloakPort = URI.create(KEYCLOAK_URL).getPort();
        assertThat(fhirBaseUrl.getScheme() + "://" + fhirBaseUrl.getHost()).isEqualTo("http://localhost");

        Map<String, String> keycloakEnv = environment(service("keycloak"));
        assertThat(keycloakEnv).containsEntry("KC_HOSTNAME", KEYCLOAK_URL).containsEntry("KC_HTTP_ENABLED", "true");
        // Keycloak reads patients from the FHIR base URL itself, so it shares the proxy's network namespace: there,
        // localhost:8081 is the proxy as in the browser. The proxy therefore publishes Keycloak's port too.
        assertThat(service("keycloak").get("network_mode")).isEqualTo("service:proxy");
        assertThat(service("keycloak")).doesNotContainKey("ports");
        assertThat(ports("proxy")).containsExactlyInAnyOrder(
                keycloakPort + ":" + KEYCLOAK_HTTP_PORT, fhirBaseUrl.getPort() + ":" + fhirBaseUrl.getPort());
        assertThat(ports("hapi-fhir")).as("reached only through the proxy").isEmpty();
        assertThat(ports("postgres")).isEmpty();
        assertThat(environment(service("hapi-fhir"))).containsEntry("hapi.fhir.server_address", fhirBaseUrl + "/");

        // The realm's clients may only send browsers to Keycloak or to the proxy; Inferno's clients to Inferno.
        for (JsonNode client : realm.path("clients")) {
            List<String> urls = new ArrayList<>();
            client.path("redirectUris").forEach(url -> urls.add(url.asText()));
            client.path("webOrigins").forEach(url -> urls.add(url.asText()));
            urls.add(client.path("rootUrl").asText(""));
            boolean inferno = client.path("clientId").asText().startsWith("inferno-");
            urls.stream().filter(url -> url.startsWith("http")).forEach(url -> assertThat(url)
                    .as(client.path("clientId").asText() + (inferno ? ": on Inferno's origins" : ": on Keycloak's or the proxy's origin"))
                    .matches(u -> inferno
                            ? INFERNO_ORIGINS.stream().anyMatch(o -> u.equals(o) || u.startsWith(o + "/"))
                            : u.startsWith(KEYCLOAK_URL) || u.startsWith(origin(fhirBaseUrl))));
        }
    }

    @Test
    void proxyServesTheFhirBaseUrlAndKeycloaksSmartConfiguration() {
        assertThat(nginx.chars().filter(c -> c == '{').count()).as("balanced braces")
                .isEqualTo(nginx.chars().filter(c -> c == '}').count()).isPositive();
        assertThat(nginx).containsPattern("(?m)^\\s*listen\\s+" + fhirBaseUrl.getPort() + ";");

        String discovery = location("= " + fhirBaseUrl.getPath() + "/.well-known/smart-configuration");
        String realmName = realm.path("realm").asText();
        assertThat(proxyPass(discovery))
                .isEqualTo("http://127.0.0.1:" + KEYCLOAK_HTTP_PORT + "/realms/" + realmName + "/.well-known/smart-configuration");
        assertThat(discovery).as("the document itself, not a redirect").doesNotContain("return", "rewrite");

        String fhir = location(fhirBaseUrl.getPath() + "/");
        URI hapi = URI.create(proxyPass(fhir));
        assertThat(hapi.getHost()).isEqualTo("hapi-fhir");
        assertThat(hapi.getPath()).as("no URI part: the path passes unchanged, HAPI's base is /fhir too").isEmpty();
        assertThat(services()).containsKey(hapi.getHost());
    }

    // --- the files

    private Map<String, Object> services() {
        @SuppressWarnings("unchecked")
        Map<String, Object> services = (Map<String, Object>) compose.get("services");
        return services;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> service(String name) {
        assertThat(services()).containsKey(name);
        return (Map<String, Object>) services().get(name);
    }

    private String healthTest(String service) {
        Map<?, ?> healthcheck = (Map<?, ?>) service(service).get("healthcheck");
        assertThat(healthcheck).as(service + " health check").isNotNull();
        return String.valueOf(healthcheck.get("test"));
    }

    private Map<String, String> dependsOn(String service) {
        Map<String, String> conditions = new LinkedHashMap<>();
        Object dependsOn = service(service).get("depends_on");
        if (dependsOn instanceof Map<?, ?> map) {
            map.forEach((name, options) ->
                    conditions.put(String.valueOf(name), String.valueOf(((Map<?, ?>) options).get("condition"))));
        } else if (dependsOn instanceof List<?> list) {
            list.forEach(name -> conditions.put(String.valueOf(name), "service_started"));
        }
        return conditions;
    }

    private List<String> ports(String service) {
        Object ports = service(service).get("ports");
        return ports == null ? List.of() : ((List<?>) ports).stream().map(String::valueOf).toList();
    }

    /** A service's environment, in either of Compose's forms (map, or list of NAME=value). */
    private static Map<String, String> environment(Object service) {
        Map<String, String> variables = new LinkedHashMap<>();
        Object environment = ((Map<?, ?>) service).get("environment");
        if (environment instanceof Map<?, ?> map) {
            map.forEach((name, value) -> variables.put(String.valueOf(name), String.valueOf(value)));
        } else if (environment instanceof List<?> list) {
            list.forEach(entry -> {
                String[] parts = String.valueOf(entry).split("=", 2);
                variables.put(parts[0], parts.length > 1 ? parts[1] : "");
            });
        }
        return variables;
    }

    private static Map<String, String> envExample() {
        Map<String, String> variables = new LinkedHashMap<>();
        read(DOCKER.resolve(".env.example")).lines().map(String::trim).filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .forEach(line -> {
                    assertThat(line).as(".env.example line").matches("[A-Za-z_][A-Za-z0-9_]*=.*");
                    variables.put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1));
                });
        return variables;
    }

    /** Every key and value of a YAML tree, the strings Compose interpolates. */
    private static List<String> scalars(Object node) {
        List<String> scalars = new ArrayList<>();
        if (node instanceof Map<?, ?> map) {
            map.forEach((key, value) -> {
                scalars.add(String.valueOf(key));
                scalars.addAll(scalars(value));
            });
        } else if (node instanceof List<?> list) {
            list.forEach(item -> scalars.addAll(scalars(item)));
        } else if (node != null) {
            scalars.add(String.valueOf(node));
        }
        return scalars;
    }

    /** Source to destination of every COPY from the build context (not from a build stage). */
    private Map<String, String> copies() {
        Map<String, String> copies = new LinkedHashMap<>();
        dockerfile.stream().filter(i -> i.is("COPY") && !i.arguments().startsWith("--from=")).forEach(copy -> {
            List<String> words = List.of(copy.arguments().split("\\s+"));
            String destination = words.get(words.size() - 1);
            for (String source : words.subList(0, words.size() - 1)) {
                copies.put(source, destination.endsWith("/") ? destination + Path.of(source).getFileName() : destination);
            }
        });
        return copies;
    }

    /** Names of the files that a glob in the last path segment matches. */
    private static List<String> filesMatching(Path glob) {
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + glob.getFileName());
        if (!Files.isDirectory(glob.getParent())) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(glob.getParent())) {
            return files.map(Path::getFileName).filter(matcher::matches).map(Path::toString).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The body of the nginx location with this modifier and path, e.g. {@code "= /healthz"}. */
    private String location(String pathAndModifier) {
        Matcher location = Pattern.compile("location\\s+" + Pattern.quote(pathAndModifier) + "\\s*\\{([^}]*)}").matcher(nginx);
        assertThat(location.find()).as("nginx location " + pathAndModifier).isTrue();
        return location.group(1);
    }

    /** The location's proxy_pass target, with {@code set} variables filled in. */
    private static String proxyPass(String location) {
        Matcher proxyPass = Pattern.compile("proxy_pass\\s+([^;]+);").matcher(location);
        assertThat(proxyPass.find()).as("proxy_pass in " + location).isTrue();
        String target = proxyPass.group(1).trim();
        Matcher set = Pattern.compile("set\\s+\\$(\\w+)\\s+([^;]+);").matcher(location);
        while (set.find()) {
            target = target.replace("$" + set.group(1), set.group(2).trim());
        }
        return target;
    }

    private static String origin(URI url) {
        return url.getScheme() + "://" + url.getHost() + ":" + url.getPort();
    }

    /** One Dockerfile instruction, continuation lines joined. */
    private record Instruction(String keyword, String arguments) {

        boolean is(String name) {
            return keyword.equals(name);
        }

        String text() {
            return keyword + " " + arguments;
        }
    }

    /** The Dockerfile's build stages, each from its FROM on. */
    private List<List<Instruction>> stages() {
        List<List<Instruction>> stages = new ArrayList<>();
        for (Instruction instruction : dockerfile) {
            if (instruction.is("FROM")) {
                stages.add(new ArrayList<>());
            }
            if (!stages.isEmpty()) {
                stages.get(stages.size() - 1).add(instruction);
            }
        }
        return stages;
    }

    private static List<Instruction> instructions(String dockerfile) {
        List<Instruction> instructions = new ArrayList<>();
        String joined = dockerfile.lines().filter(line -> !line.trim().startsWith("#"))
                .reduce("", (text, line) -> text + line + "\n").replaceAll("\\\\\\n", " ");
        joined.lines().map(String::trim).filter(line -> !line.isEmpty()).forEach(line -> {
            String[] parts = line.split("\\s+", 2);
            String arguments = parts.length > 1 ? parts[1].replaceAll("\\s+", " ").trim() : "";
            instructions.add(new Instruction(parts[0].toUpperCase(), arguments));
        });
        return instructions;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, Object> yaml(String text) {
        return new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
    }

    private static JsonNode json(Path file) {
        try {
            return new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String xpath(Document document, String expression) {
        try {
            return XPathFactory.newInstance().newXPath().evaluate(expression, document).trim();
        } catch (XPathExpressionException e) {
            throw new IllegalArgumentException(expression, e);
        }
    }

    private static Document pom(Path file) {
        try {
            return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
        } catch (Exception e) {
            throw new IllegalStateException("cannot read " + file, e);
        }
    }
}
