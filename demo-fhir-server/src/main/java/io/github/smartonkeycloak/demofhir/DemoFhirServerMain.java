package io.github.smartonkeycloak.demofhir;

/**
 * {@code java -jar demo-fhir-server.jar [--host 127.0.0.1] [--port 8081] [--keycloak-realm-url URL] [--client-id ID]
 * [--client-secret SECRET] [--patients 300] [--seed 42] [--store on]}, the secret also from
 * {@code DEMO_FHIR_CLIENT_SECRET}:
 * starts the server, prints one ready line, and stops on SIGTERM or SIGINT. A bad command line prints the usage to
 * stderr and exits with 2.
 */
public final class DemoFhirServerMain {

    static final int EXIT_USAGE = 2;
    static final int EXIT_START_FAILED = 1;

    private DemoFhirServerMain() {
    }

    public static void main(String[] args) {
        CommandLineOptions options;
        try {
            options = CommandLineOptions.parse(System.getenv(), args);
        } catch (UsageException e) {
            System.err.println(e.getMessage());
            System.err.println(CommandLineOptions.USAGE);
            System.exit(EXIT_USAGE);
            return;
        }
        if (options.helpRequested()) {
            System.out.println(CommandLineOptions.USAGE);
            return;
        }

        DemoFhirServer server;
        try {
            server = DemoFhirServer.start(options.config());
        } catch (RuntimeException e) {
            System.err.println("Demo FHIR server could not start: " + e.getMessage()
                    + (e.getCause() != null ? " (" + e.getCause() + ")" : ""));
            System.exit(EXIT_START_FAILED);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "demo-fhir-server-shutdown"));
        // Jetty's non-daemon threads keep the JVM running after main returns.
        System.out.println("Demo FHIR server ready at " + server.baseUrl());
        System.out.flush();
    }
}
