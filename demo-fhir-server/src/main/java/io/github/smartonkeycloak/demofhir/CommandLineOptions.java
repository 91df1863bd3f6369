package io.github.smartonkeycloak.demofhir;

import java.util.Map;

/** Parses {@code --name value} options, and the secret's environment variable, into a {@link DemoFhirServerConfig}. */
final class CommandLineOptions {

    /** The introspection client's secret; unlike {@code --client-secret} it does not show in the process list. */
    static final String CLIENT_SECRET_VARIABLE = "DEMO_FHIR_CLIENT_SECRET";

    static final String USAGE = String.join(System.lineSeparator(),
            "Usage: java -jar demo-fhir-server.jar [options]",
            "",
            "Options:",
            "  --host <address>               address to listen on, 0.0.0.0 for every interface (default "
                    + DemoFhirServerConfig.DEFAULT_HOST + ", this machine only)",
            "  --port <port>                  port to listen on, 0 for any free one (default "
                    + DemoFhirServerConfig.DEFAULT_PORT + ")",
            "  --keycloak-realm-url <url>     Keycloak realm base URL (default "
                    + DemoFhirServerConfig.DEFAULT_KEYCLOAK_REALM_URL + ")",
            "  --client-id <id>               client used for token introspection (default "
                    + DemoFhirServerConfig.DEFAULT_CLIENT_ID + ")",
            "  --client-secret <secret>       that client's secret (default: the environment variable "
                    + CLIENT_SECRET_VARIABLE + ", else the demo realm's " + DemoFhirServerConfig.DEFAULT_CLIENT_SECRET
                    + ")",
            "  --patients <count>             patients in the synthetic population, demo patients included (default "
                    + DemoFhirServerConfig.DEFAULT_PATIENT_COUNT + "; at most " + DemoFhirServerConfig.MAX_PATIENT_COUNT
                    + " with clinical data, " + DemoFhirServerConfig.MAX_PATIENT_COUNT_WITHOUT_CLINICAL_DATA
                    + " without)",
            "  --clinical-data <on|off>       encounters, observations and conditions for the generated patients;",
            "                                 off: patients only, the demo patients keep theirs (default on). Heap",
            "                                 measured for 1,000,000 patients only: see docs/performance.md",
            "  --seed <number>                seed of the synthetic population (default "
                    + DemoFhirServerConfig.DEFAULT_SEED + ")",
            "  --store <on|off>               store Consent and AuditEvent (HAPI JPA server, in-memory H2; default on)",
            "  --help                         print this help");

    private final boolean helpRequested;
    private final DemoFhirServerConfig config;

    private CommandLineOptions(boolean helpRequested, DemoFhirServerConfig config) {
        this.helpRequested = helpRequested;
        this.config = config;
    }

    /** The options alone, as if no environment variable were set. */
    static CommandLineOptions parse(String... args) throws UsageException {
        return parse(Map.of(), args);
    }

    /** The options over the environment's {@value #CLIENT_SECRET_VARIABLE}: an option wins over the variable. */
    static CommandLineOptions parse(Map<String, String> environment, String... args) throws UsageException {
        DemoFhirServerConfig.Builder builder = DemoFhirServerConfig.builder();
        String secret = environment.get(CLIENT_SECRET_VARIABLE);
        if (secret != null && !secret.isEmpty()) {
            builder.clientSecret(secret);
        }
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
        try {
            return new CommandLineOptions(false, builder.build());
        } catch (IllegalArgumentException e) {
            throw new UsageException("Invalid options: " + e.getMessage());
        }
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
                case "--host":
                    builder.host(value);
                    break;
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
                case "--store":
                    builder.store(parseOnOff(option, value));
                    break;
                case "--clinical-data":
                    builder.clinicalData(parseOnOff(option, value));
                    break;
                default:
                    throw new UsageException("Unknown option: " + option);
            }
        } catch (IllegalArgumentException e) {
            throw new UsageException("Invalid value for " + option + ": " + e.getMessage());
        }
    }

    private static boolean isKnown(String option) {
        return option.equals("--host") || option.equals("--port") || option.equals("--keycloak-realm-url")
                || option.equals("--client-id") || option.equals("--client-secret") || option.equals("--patients")
                || option.equals("--seed") || option.equals("--store") || option.equals("--clinical-data");
    }

    private static boolean parseOnOff(String option, String value) throws UsageException {
        if ("on".equals(value) || "off".equals(value)) {
            return "on".equals(value);
        }
        throw new UsageException("Option " + option + " needs on or off, got: " + value);
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
