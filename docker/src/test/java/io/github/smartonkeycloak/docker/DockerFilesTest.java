package io.github.smartonkeycloak.docker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathExpressionException;
import javax.xml.xpath.XPathFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.smartonkeycloak.demofhir.DemoFhirServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * What can be checked of the Docker files without Docker (the project's machines have none): the Dockerfile, its
 * entrypoint, the compose file and {@code .env.example} agree with each other, with the pom's Keycloak version, with
 * the built jars and with the URLs of the demo realm; the image imports demo data only when asked; the compose stack
 * publishes nothing but Keycloak and the token-checking demo FHIR server, on loopback. Whether the stack starts is not
 * checked.
 */
class DockerFilesTest {

    /** The repository root: surefire runs in the module directory. */
    private static final Path ROOT = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().normalize().getParent();
    private static final Path DOCKER = ROOT.resolve("docker");
    private static final Set<String> SERVICES = Set.of("postgres", "keycloak", "demo-fhir-server");
    /** The production realm: what the image imports unless asked for the demo. */
    private static final String PRODUCTION_REALM = "realm-export/smart-realm.json";
    /** The demo realm (production realm + demo overlay), made by ./mvnw package; what the compose stack imports. */
    private static final String DEMO_REALM = "realm-export/target/classes/realm-export/smart-realm-demo.json";
    private static final String ENTRYPOINT = "docker/smart-entrypoint.sh";
    /** The variable that makes the image import the demo realm instead of the production one. */
    private static final String IMPORT_DEMO = "SMART_IMPORT_DEMO";
    private static final String KEYCLOAK_HOME = "/opt/keycloak";
    private static final String IMPORT_DIRECTORY = KEYCLOAK_HOME + "/data/import/";
    /** The host address every published port binds to unless .env widens it. */
    private static final String PUBLISH_ADDRESS = "SMART_PUBLISH_ADDRESS";
    /** Keycloak's URL in run-demo.sh, the README and the tests; the realm's relative client URLs resolve against it. */
    private static final String KEYCLOAK_URL = "http://localhost:8080";
    /** Where Inferno runs: hosted, a local Docker install, the development server (realm-export/inferno). */
    private static final List<String> INFERNO_ORIGINS = List.of("https://inferno.healthit.gov", "http://localhost",
            "http://localhost:4567");
    /** Keycloak's default HTTP port in its container. */
    private static final int KEYCLOAK_HTTP_PORT = 8080;
    private static final String KEYCLOAK_IMAGE = "quay.io/keycloak/keycloak:${KEYCLOAK_VERSION}";
    /** The build argument that picks the build stage: {@code production} (the default) or {@code demo}. */
    private static final String EDITION = "SMART_EDITION";
    private static final String PROVIDERS = KEYCLOAK_HOME + "/providers/";
    /** The pack's own jars: what a production image has in providers/. */
    private static final List<String> PRODUCTION_JARS = List.of("smart-core", "smart-scopes-provider",
            "launch-context-authenticator", "patient-picker-theme");
    /** Demo only: never in the production image. */
    private static final String DEMO_JAR = "demo-ehr-launcher";
    private static final String LAUNCHER_PACKAGE = "io/github/smartonkeycloak/demo/ehrlauncher/";
    private static final Pattern SECRET_NAME = Pattern.compile("(?i).*(PASSWORD|SECRET|TOKEN|_KEY).*");
    /** A required variable, {@code ${NAME:?message}}: a missing one stops Compose instead of using a default. */
    private static final Pattern REQUIRED_VARIABLE = Pattern.compile("\\$\\{[A-Za-z_][A-Za-z0-9_]*:\\?[^}]*}");
    /** {@code $NAME} or {@code ${NAME...}}, but not {@code $$}, which Compose passes on as a literal {@code $}. */
    private static final Pattern VARIABLE_REFERENCE =
            Pattern.compile("(?<!\\$)\\$(?:\\{([A-Za-z_][A-Za-z0-9_]*)|([A-Za-z_][A-Za-z0-9_]*))");
    /** A published port, {@code [host address:]host port:container port}; the address may be a variable. */
    private static final Pattern PORT = Pattern.compile("(?:(.+):)?(\\d+):(\\d+)");

    private final Map<String, Object> compose = yaml(read(DOCKER.resolve("docker-compose.yml")));
    private final List<Instruction> dockerfile = instructions(read(DOCKER.resolve("Dockerfile")));
    private final Document pom = pom(ROOT.resolve("pom.xml"));
    private final JsonNode demoRealm = json(ROOT.resolve(DEMO_REALM));
    private final URI fhirBaseUrl =
            URI.create(demoRealm.path("attributes").path("smart.fhirBaseUrls").asText().split("[\\s,]+")[0]);

    @TempDir
    Path scratch;

    @Test
    void composeDefinesTheThreeServicesWithHealthChecksAndStartOrder() {
        assertThat(services().keySet()).containsExactlyInAnyOrderElementsOf(SERVICES);

        assertThat(healthTest("postgres")).contains("pg_isready");
        assertThat(healthTest("keycloak")).contains("/dev/tcp/127.0.0.1/9000", "GET /health/ready", "200");
        assertThat(healthTest("demo-fhir-server")).contains("/dev/tcp/127.0.0.1/" + fhirBaseUrl.getPort(),
                "GET " + DemoFhirServer.FHIR_PATH + "/metadata", "200");

        assertThat(dependsOn("keycloak")).containsEntry("postgres", "service_healthy")
                .containsEntry("demo-fhir-server", "service_healthy");
        assertThat(dependsOn("demo-fhir-server")).isEmpty();
        assertThat(dependsOn("postgres")).isEmpty();
    }

    @Test
    void imagesArePinned() {
        for (String name : SERVICES) {
            String image = (String) service(name).get("image");
            assertThat(image).as(name).matches("[a-z0-9./-]+:v?\\d+(\\.\\d+)*(-[a-z0-9.-]+)?|smart-on-keycloak-demo");
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
        assertThat(dockerfile.stream().filter(i -> i.is("FROM")).map(Instruction::arguments)
                .filter(from -> from.contains("/") || from.contains(":")))
                .as("every image pulled (the other FROMs name stages)")
                .hasSize(2)
                .allMatch(from -> from.startsWith(KEYCLOAK_IMAGE));
        Map<?, ?> build = (Map<?, ?>) service("keycloak").get("build");
        Path context = DOCKER.resolve(String.valueOf(build.get("context"))).normalize();
        assertThat(context).isEqualTo(ROOT);
        assertThat(context.resolve(String.valueOf(build.get("dockerfile")))).isEqualTo(DOCKER.resolve("Dockerfile"));
        assertThat(String.valueOf(((Map<?, ?>) build.get("args")).get("KEYCLOAK_VERSION"))).isEqualTo(version);
    }

    @Test
    void dockerfileBuildsAnOptimizedKeycloakOnPostgres() {
        List<List<Instruction>> stages = stages();
        assertThat(stages).hasSize(4);
        List<Instruction> builder = stage("production");
        List<Instruction> runtime = stages.get(stages.size() - 1);

        assertThat(builder.get(0).arguments()).isEqualTo(KEYCLOAK_IMAGE + " AS production");
        assertThat(stage("demo").get(0).arguments()).as("the demo builds on production").isEqualTo("production AS demo");
        assertThat(stage("demo")).last().isEqualTo(new Instruction("RUN", "/opt/keycloak/bin/kc.sh build"));
        assertThat(stage("builder")).containsExactly(new Instruction("FROM", "${" + EDITION + "} AS builder"));
        assertThat(runtime.get(0).arguments()).isEqualTo(KEYCLOAK_IMAGE);
        assertThat(builder.stream().filter(i -> i.is("ENV")).flatMap(i -> Arrays.stream(i.arguments().split(" "))))
                .contains("KC_HEALTH_ENABLED=true", "KC_METRICS_ENABLED=true",
                        "KC_DB=" + environment(service("keycloak")).get("KC_DB"));
        assertThat(builder).last().isEqualTo(new Instruction("RUN", "/opt/keycloak/bin/kc.sh build"));
        assertThat(runtime).contains(new Instruction("COPY", "--from=builder /opt/keycloak/ /opt/keycloak/"));
        assertThat(defaultCommand()).containsExactly("start", "--optimized", "--import-realm");
        assertThat(copies()).containsEntry("realm-export/keycloak.conf", "/opt/keycloak/conf/keycloak.conf");
    }

    /** Review C1: an image started as it is imports the production realm and nothing of the demo. */
    @Test
    void theImageImportsOnlyTheProductionRealmUnlessAskedForTheDemo() throws IOException, InterruptedException {
        assertThat(copies().entrySet().stream().filter(copy -> copy.getValue().startsWith(IMPORT_DIRECTORY)))
                .as("what start --import-realm finds in the image").singleElement()
                .isEqualTo(Map.entry(PRODUCTION_REALM, IMPORT_DIRECTORY + "smart-realm.json"));
        assertThat(copies()).containsKey(DEMO_REALM);
        assertThat(json(ROOT.resolve(PRODUCTION_REALM)).path("realm").asText()).isEqualTo("smart")
                .isEqualTo(demoRealm.path("realm").asText());

        EntrypointRun byDefault = runEntrypoint(Map.of());
        assertThat(byDefault.exitCode()).as(byDefault.stderr()).isZero();
        assertThat(byDefault.kcArguments()).isEqualTo(defaultCommand());
        assertThat(byDefault.imported()).isEqualTo(read(ROOT.resolve(PRODUCTION_REALM)));
        assertThat(runEntrypoint(Map.of(IMPORT_DEMO, "false")).imported())
                .isEqualTo(read(ROOT.resolve(PRODUCTION_REALM)));

        EntrypointRun demo = runEntrypoint(Map.of(IMPORT_DEMO, "true"));
        assertThat(demo.exitCode()).as(demo.stderr()).isZero();
        assertThat(demo.kcArguments()).isEqualTo(defaultCommand());
        assertThat(demo.imported()).isEqualTo(read(ROOT.resolve(DEMO_REALM)));
        assertThat(demo.stderr()).contains("DEMO realm");

        EntrypointRun typo = runEntrypoint(Map.of(IMPORT_DEMO, "yes"));
        assertThat(typo.exitCode()).isEqualTo(2);
        assertThat(typo.stderr()).contains(IMPORT_DEMO, "true or false");
        assertThat(typo.kcArguments()).as("Keycloak not started").isNull();
    }

    @Test
    void theComposeStackIsTheDemoAndAsksForTheDemoRealm() {
        Map<String, Object> keycloak = service("keycloak");

        assertThat(environment(keycloak)).containsEntry(IMPORT_DEMO, "true");
        if (keycloak.containsKey("command")) {
            assertThat(keycloak.get("command")).isEqualTo(defaultCommand());
        }
        assertThat(keycloak).doesNotContainKey("entrypoint");
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
                assertThat(path).as(source + (source.contains("/target/") ? " (built by ./mvnw package)" : ""))
                        .isRegularFile();
            }
            assertThat(dockerignore).as("let in by .dockerignore").contains("!" + source);
        }
        assertThat(jars).as("smart-core, one jar per provider module, the demo EHR launcher").isEqualTo(5);

        assertThat(copies()).containsEntry(ENTRYPOINT, KEYCLOAK_HOME + "/bin/smart-entrypoint.sh");
        assertThat(ROOT.resolve(ENTRYPOINT)).as("COPY keeps the mode").isExecutable();
        assertThat(dockerfile.stream().filter(i -> i.is("ENTRYPOINT")).map(Instruction::arguments))
                .containsExactly("[\"" + KEYCLOAK_HOME + "/bin/smart-entrypoint.sh\"]");
    }

    /** Issue 12: the demo EHR launcher is in the demo image only; the production image, the default, has none of it. */
    @Test
    void onlyTheDemoImageHasTheDemoEhrLauncher() {
        assertThat(dockerfile.stream().filter(i -> i.is("ARG")).map(Instruction::arguments))
                .contains(EDITION + "=production");
        assertThat(providerJars("production")).containsExactlyInAnyOrderElementsOf(PRODUCTION_JARS);
        assertThat(providerJars("demo")).as("the production jars plus the launcher")
                .containsExactlyInAnyOrderElementsOf(concat(PRODUCTION_JARS, DEMO_JAR));
        assertThat(stageName(stages().get(stages().size() - 1)))
                .as("the image stage is the last, unnamed; it copies the chosen builder").isEmpty();
        assertThat(stages().get(stages().size() - 1)).filteredOn(i -> i.is("COPY"))
                .noneMatch(copy -> copy.arguments().contains(DEMO_JAR));

        Map<?, ?> build = (Map<?, ?>) service("keycloak").get("build");
        assertThat(((Map<?, ?>) build.get("args")).get(EDITION)).as("docker-compose.yml is the demo").isEqualTo("demo");
        assertThat(service("keycloak").get("image")).isEqualTo("smart-on-keycloak-demo");
    }

    /** Issue 12: no class of the demo EHR launcher is in a jar that a production install or image gets. */
    @Test
    void theProductionJarsHoldNothingOfTheLauncher() throws IOException {
        String version = xpath(pom, "/project/version");
        for (String module : providerJars("production")) {
            List<String> entries = jarEntries(ROOT.resolve(module + "/target/" + module + "-" + version + ".jar"));
            assertThat(entries).as(module + " (built by ./mvnw package)").isNotEmpty()
                    .noneMatch(entry -> entry.startsWith(LAUNCHER_PACKAGE))
                    .noneMatch(entry -> entry.endsWith(".class")
                            && (entry.contains("EhrLauncher") || entry.contains("LaunchableApps")));
        }
        List<String> demo = jarEntries(ROOT.resolve(DEMO_JAR + "/target/" + DEMO_JAR + "-" + version + ".jar"));
        assertThat(demo).as("the scan looks for the right names")
                .contains(LAUNCHER_PACKAGE + "EhrLauncherResource.class",
                        LAUNCHER_PACKAGE + "LaunchableApps.class");
    }

    private static List<String> jarEntries(Path jar) throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            return file.stream().map(JarEntry::getName).toList();
        }
    }

    /** The provider jars (module names) a build stage puts in providers/, its parent stages' included. */
    private List<String> providerJars(String stageName) {
        List<Instruction> stage = stage(stageName);
        String parent = stage.get(0).arguments().split(" ")[0];
        List<String> jars = new ArrayList<>(parent.startsWith(KEYCLOAK_IMAGE) ? List.of() : providerJars(parent));
        List<Instruction> copies = stage.stream()
                .filter(i -> i.is("COPY") && i.arguments().endsWith(" " + PROVIDERS)).toList();
        for (Instruction copy : copies) {
            for (String source : copy.arguments().split(" ")) {
                if (source.endsWith(".jar")) {
                    jars.add(source.substring(0, source.indexOf('/')));
                }
            }
        }
        return jars;
    }

    private static List<String> concat(List<String> list, String element) {
        List<String> all = new ArrayList<>(list);
        all.add(element);
        return all;
    }

    /** The build stage named so ({@code FROM ... AS name}). */
    private List<Instruction> stage(String name) {
        return stages().stream().filter(stage -> stageName(stage).filter(name::equals).isPresent()).findFirst()
                .orElseThrow(() -> new AssertionError("no build stage " + name));
    }

    private static Optional<String> stageName(List<Instruction> stage) {
        String[] from = stage.get(0).arguments().split(" ");
        return from.length == 3 && from[1].equalsIgnoreCase("AS") ? Optional.of(from[2]) : Optional.empty();
    }

    /** Review M11: only Keycloak and a FHIR server that checks tokens are reachable, and only from this machine. */
    @Test
    void publishedPortsReachOnlyKeycloakAndTheTokenCheckingFhirServerOnLoopback() {
        Map<String, String> listeners = new LinkedHashMap<>();
        services().forEach((name, service) -> {
            for (String port : ports(name)) {
                Matcher mapping = PORT.matcher(port);
                assertThat(mapping.matches()).as(name + " port " + port).isTrue();
                assertThat(mapping.group(1)).as(name + " port " + port + ": bound to an address")
                        .isIn("127.0.0.1", "${" + PUBLISH_ADDRESS + ":-127.0.0.1}");
                assertThat(mapping.group(2)).as("published as itself").isEqualTo(mapping.group(3));
                listeners.put(mapping.group(3), listenerOn(name, Integer.parseInt(mapping.group(3))));
            }
        });
        assertThat(envExample()).containsEntry(PUBLISH_ADDRESS, "127.0.0.1");

        assertThat(listeners).containsExactlyInAnyOrderEntriesOf(Map.of(
                String.valueOf(KEYCLOAK_HTTP_PORT), "keycloak",
                String.valueOf(fhirBaseUrl.getPort()), "demo-fhir-server"));
        // The demo FHIR server is the pack's (bearer token, introspection, SMART scopes: DemoFhirServerIT), run from
        // what ./mvnw package built.
        List<String> command = command("demo-fhir-server");
        assertThat(command.subList(0, 3)).containsExactly("java", "-jar", "/opt/demo-fhir-server/demo-fhir-server.jar");
        assertThat(String.valueOf(service("demo-fhir-server").get("volumes")))
                .isEqualTo("[../demo-fhir-server/target:/opt/demo-fhir-server:ro]");
        assertThat(ROOT.resolve("demo-fhir-server/target/demo-fhir-server.jar")).as("built by ./mvnw package")
                .isRegularFile();
    }

    @Test
    void portsAndUrlsAreThoseOfTheDemoRealm() {
        assertThat(fhirBaseUrl.getScheme() + "://" + fhirBaseUrl.getHost()).isEqualTo("http://localhost");
        assertThat(fhirBaseUrl.getPath()).isEqualTo(DemoFhirServer.FHIR_PATH);

        Map<String, String> keycloakEnv = environment(service("keycloak"));
        assertThat(keycloakEnv).containsEntry("KC_HOSTNAME", KEYCLOAK_URL).containsEntry("KC_HTTP_ENABLED", "true");
        // Keycloak reads patients from the FHIR base URL and the FHIR server asks Keycloak about tokens at
        // localhost:8080, so Keycloak shares the FHIR server's network namespace, and that service publishes its port.
        assertThat(service("keycloak").get("network_mode")).isEqualTo("service:demo-fhir-server");
        assertThat(service("keycloak")).doesNotContainKey("ports");
        assertThat(ports("postgres")).isEmpty();
        assertThat(option(command("demo-fhir-server"), "--keycloak-realm-url"))
                .isEqualTo(KEYCLOAK_URL + "/realms/" + demoRealm.path("realm").asText());

        // The realm's clients may only send browsers to Keycloak or to the FHIR server; Inferno's clients to Inferno.
        for (JsonNode client : demoRealm.path("clients")) {
            List<String> urls = new ArrayList<>();
            client.path("redirectUris").forEach(url -> urls.add(url.asText()));
            client.path("webOrigins").forEach(url -> urls.add(url.asText()));
            urls.add(client.path("rootUrl").asText(""));
            boolean inferno = client.path("clientId").asText().startsWith("inferno-");
            String where = inferno ? ": on Inferno's origins" : ": on Keycloak's or the FHIR server's origin";
            urls.stream().filter(url -> url.startsWith("http")).forEach(url -> assertThat(url)
                    .as(client.path("clientId").asText() + where)
                    .matches(u -> inferno
                            ? INFERNO_ORIGINS.stream().anyMatch(o -> u.equals(o) || u.startsWith(o + "/"))
                            : u.startsWith(KEYCLOAK_URL) || u.startsWith(origin(fhirBaseUrl))));
        }
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

    /** Source to destination of every COPY from the build context (not from a build stage); flags left out. */
    private Map<String, String> copies() {
        Map<String, String> copies = new LinkedHashMap<>();
        dockerfile.stream().filter(i -> i.is("COPY") && !i.arguments().startsWith("--from=")).forEach(copy -> {
            List<String> words = Arrays.stream(copy.arguments().split("\\s+")).filter(word -> !word.startsWith("--"))
                    .toList();
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

    /** A service's command as a list of words. */
    private List<String> command(String service) {
        Object command = service(service).get("command");
        assertThat(command).as(service + " command, as a list").isInstanceOf(List.class);
        return ((List<?>) command).stream().map(String::valueOf).toList();
    }

    /** The value after {@code --name} in a command. */
    private static String option(List<String> command, String name) {
        int at = command.indexOf(name);
        assertThat(at).as(name + " in " + command).isNotNegative().isLessThan(command.size() - 1);
        return command.get(at + 1);
    }

    /**
     * The service that listens on this container port of {@code publisher}'s network namespace: Keycloak on its HTTP
     * port, the demo FHIR server on its {@code --port}, each in its own namespace or in the one it shares.
     */
    private String listenerOn(String publisher, int port) {
        for (String name : services().keySet()) {
            boolean inNamespace = name.equals(publisher)
                    || ("service:" + publisher).equals(service(name).get("network_mode"));
            if (inNamespace && name.equals("keycloak") && port == KEYCLOAK_HTTP_PORT) {
                return name;
            }
            if (inNamespace && name.equals("demo-fhir-server")
                    && String.valueOf(port).equals(option(command(name), "--port"))) {
                return name;
            }
        }
        return "nothing known to check tokens (" + publisher + ")";
    }

    /** The image's CMD: the arguments the entrypoint gets unless the container is given others. */
    private List<String> defaultCommand() {
        List<String> commands = dockerfile.stream().filter(i -> i.is("CMD")).map(Instruction::arguments).toList();
        assertThat(commands).hasSize(1);
        try {
            return List.of(new ObjectMapper().readValue(commands.get(0), String[].class));
        } catch (IOException e) {
            throw new AssertionError("CMD in exec form (a JSON array): " + commands.get(0), e);
        }
    }

    /** What the entrypoint did: exit code, stderr, the arguments kc.sh got (null: not run), the realm to import. */
    private record EntrypointRun(int exitCode, String stderr, List<String> kcArguments, String imported) {
    }

    /**
     * Runs the entrypoint in a copy of the image's layout: every file the Dockerfile copies under /opt/keycloak, at
     * the same place below a temporary Keycloak home, with a kc.sh that only writes down its arguments.
     */
    private EntrypointRun runEntrypoint(Map<String, String> environment) throws IOException, InterruptedException {
        Path home = Files.createTempDirectory(scratch, "image");
        for (Map.Entry<String, String> copy : copies().entrySet()) {
            if (copy.getValue().startsWith(KEYCLOAK_HOME + "/") && !copy.getKey().contains("*")) {
                Path target = home.resolve(copy.getValue().substring(KEYCLOAK_HOME.length() + 1));
                Files.createDirectories(target.getParent());
                Files.copy(ROOT.resolve(copy.getKey()), target, StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
        Path arguments = home.resolve("kc-arguments");
        Path kc = home.resolve("bin/kc.sh");
        Files.writeString(kc, "#!/bin/bash\nprintf '%s\\n' \"$@\" > '" + arguments + "'\n");
        assertThat(kc.toFile().setExecutable(true)).isTrue();

        List<String> command = new ArrayList<>(List.of("bash", home.resolve("bin/smart-entrypoint.sh").toString()));
        command.addAll(defaultCommand());
        ProcessBuilder process = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        process.environment().remove(IMPORT_DEMO);
        process.environment().putAll(environment);
        Process run = process.start();
        String stderr = new String(run.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(run.waitFor(30, TimeUnit.SECONDS)).isTrue();
        Path imported = home.resolve(IMPORT_DIRECTORY.substring(KEYCLOAK_HOME.length() + 1) + "smart-realm.json");
        return new EntrypointRun(run.exitValue(), stderr,
                Files.exists(arguments) ? Files.readAllLines(arguments) : null, read(imported));
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
