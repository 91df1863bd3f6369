package io.github.smartonkeycloak.demofhir;

/** Parses {@code --name value} options into a {@link DemoFhirServerConfig}. */
final class CommandLineOptions {

    static final String USAGE = String.join(System.lineSeparator(),
            "Usage: java -jar demo-fhir-server.jar [options]",
            "",
            "Options:",
            "  --port <port>                  port to listen on, 0 for any free one (default "
                    + DemoFhirServerConfig.DEFAULT_PORT + ")",
            "  --keycloak-realm-url <url>     Keycloak realm base URL (default "
                    + DemoFhirServerConfig.DEFAULT_KEYCLOAK_REALM_URL + ")",
            "  --client-id <id>               client used for token introspection (default "
                    + DemoFhirServerConfig.DEFAULT_CLIENT_ID + ")",
            "  --client-secret <secret>       that client's secret (default "
                    + DemoFhirServerConfig.DEFAULT_CLIENT_SECRET + ")",
            "  --patients <count>             patients in the synthetic population, demo patients included (default "
                    + DemoFhirServerConfig.DEFAULT_PATIENT_COUNT + ")",
            "  --seed <number>                seed of the synthetic population (default "
                    + DemoFhirServerConfig.DEFAULT_SEED + ")",
            "  --help                         print this help");

    private final boolean helpRequested;
    private final DemoFhirServerConfig config;

    private CommandLineOptions(boolean helpRequested, DemoFhirServerConfig config) {
        this.helpRequested = helpRequested;
        this.config = config;
    }

    static CommandLineOptions parse(String... args) throws UsageException {
        DemoFhirServerConfig.Builder builder = DemoFhirServerConfig.builder();
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if ("--help".equals(option) || "-h".equals(option)) {
                return new CommandLineOptions(true, null);
            }
            if (i + 1 >= args.length) {
                throw new UsageException(isKnown(option) ? "Option " + option + " needs a value"
                        : "Unknown option: " + option);
            }
            apply(builder, option, args[++i]);
        }
        return new CommandLineOptions(false, builder.build());
    }

    boolean helpRequested() {
        return helpRequested;
    }

    /** The configuration; only when help was not requested. */
    DemoFhirServerConfig config() {
        return config;
    }

    private static void apply(DemoFhirServerConfig.Builder builder, String option, String value)
            throws UsageException {
        try {
            switch (option) {
                case "--port":
                    builder.port(parseInt(option, value));
                    break;
                case "--keycloak-realm-url":
                    builder.keycloakRealmUrl(value);
                    break;
                case "--client-id":
                    builder.clientId(value);
                    break;
                case "--client-secret":
                    builder.clientSecret(value);
                    break;
                case "--patients":
                    builder.patientCount(parseInt(option, value));
                    break;
                case "--seed":
                    builder.seed(parseLong(option, value));
                    break;
                default:
                    throw new UsageException("Unknown option: " + option);
            }
        } catch (IllegalArgumentException e) {
            throw new UsageException("Invalid value for " + option + ": " + e.getMessage());
        }
    }

    private static boolean isKnown(String option) {
        return option.equals("--port") || option.equals("--keycloak-realm-url") || option.equals("--client-id")
                || option.equals("--client-secret") || option.equals("--patients") || option.equals("--seed");
    }

    private static int parseInt(String option, String value) throws UsageException {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new UsageException("Option " + option + " needs a whole number, got: " + value);
        }
    }

    private static long parseLong(String option, String value) throws UsageException {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new UsageException("Option " + option + " needs a whole number, got: " + value);
        }
    }
}
