package io.github.smartonkeycloak.demofhir;

import java.net.URI;
import java.util.Objects;

/** Settings of one demo FHIR server; immutable, made with {@link #builder()}. */
public final class DemoFhirServerConfig {

    /** Loopback: the demo's data and its published secret stay off the network unless {@code --host} widens it. */
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 8081;
    public static final String DEFAULT_KEYCLOAK_REALM_URL = "http://localhost:8080/realms/smart";
    public static final String DEFAULT_CLIENT_ID = "demo-fhir-server";
    public static final String DEFAULT_CLIENT_SECRET = "demo-fhir-server-secret";
    public static final int DEFAULT_PATIENT_COUNT = 300;
    public static final long DEFAULT_SEED = 42L;

    /** Amy and Ben are part of every population, so fewer patients than that cannot be asked for. */
    public static final int MIN_PATIENT_COUNT = 2;
    /** With clinical data: about 17 resources a patient, 12 GB of heap at this size. */
    public static final int MAX_PATIENT_COUNT = 100_000;
    /** Patients only ({@code clinicalData(false)}): for the picker at scale. */
    public static final int MAX_PATIENT_COUNT_WITHOUT_CLINICAL_DATA = 1_000_000;

    private final String host;
    private final int port;
    private final String keycloakRealmUrl;
    private final String clientId;
    private final String clientSecret;
    private final int patientCount;
    private final long seed;
    private final boolean store;
    private final boolean clinicalData;

    private DemoFhirServerConfig(Builder builder) {
        this.host = builder.host;
        this.port = builder.port;
        this.keycloakRealmUrl = builder.keycloakRealmUrl;
        this.clientId = builder.clientId;
        this.clientSecret = builder.clientSecret;
        this.patientCount = builder.patientCount;
        this.seed = builder.seed;
        this.store = builder.store;
        this.clinicalData = builder.clinicalData;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The address to listen on: an IP address or host name; {@code 0.0.0.0} means every interface. */
    public String host() {
        return host;
    }

    /** The port to listen on; 0 means an ephemeral one (see {@link DemoFhirServer#port()}). */
    public int port() {
        return port;
    }

    /** The Keycloak realm's base URL, without a trailing slash, e.g. {@code http://localhost:8080/realms/smart}. */
    public String keycloakRealmUrl() {
        return keycloakRealmUrl;
    }

    /** The confidential client this server introspects tokens as. */
    public String clientId() {
        return clientId;
    }

    public String clientSecret() {
        return clientSecret;
    }

    /** All patients, the fixed demo patients included. */
    public int patientCount() {
        return patientCount;
    }

    /** Seed of the synthetic population: the same seed and size give the same data. */
    public long seed() {
        return seed;
    }

    /**
     * Whether Consent and AuditEvent are stored (HAPI's JPA server on an in-memory H2 database, ADR 0006). Off, the
     * server starts in a fraction of the time and has no such types.
     */
    public boolean store() {
        return store;
    }

    /**
     * Whether the generated patients have encounters, observations and conditions; without, the population is
     * patients only (Amy and Ben keep their records) and may have up to
     * {@value #MAX_PATIENT_COUNT_WITHOUT_CLINICAL_DATA} patients.
     */
    public boolean clinicalData() {
        return clinicalData;
    }

    /** Leaves the client secret out, so the config can be logged. */
    @Override
    public String toString() {
        return "DemoFhirServerConfig[host=" + host + ", port=" + port + ", keycloakRealmUrl=" + keycloakRealmUrl
                + ", clientId=" + clientId + ", patientCount=" + patientCount + ", seed=" + seed + ", store=" + store
                + ", clinicalData=" + clinicalData + "]";
    }

    public static final class Builder {

        private String host = DEFAULT_HOST;
        private int port = DEFAULT_PORT;
        private String keycloakRealmUrl = DEFAULT_KEYCLOAK_REALM_URL;
        private String clientId = DEFAULT_CLIENT_ID;
        private String clientSecret = DEFAULT_CLIENT_SECRET;
        private int patientCount = DEFAULT_PATIENT_COUNT;
        private long seed = DEFAULT_SEED;
        private boolean store = true;
        private boolean clinicalData = true;

        private Builder() {
        }

        public Builder host(String host) {
            this.host = requireNonBlank(host, "host").trim();
            return this;
        }

        public Builder port(int port) {
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException("port must be between 0 and 65535, got " + port);
            }
            this.port = port;
            return this;
        }

        public Builder keycloakRealmUrl(String keycloakRealmUrl) {
            this.keycloakRealmUrl = normalizeRealmUrl(keycloakRealmUrl);
            return this;
        }

        public Builder clientId(String clientId) {
            this.clientId = requireNonBlank(clientId, "clientId");
            return this;
        }

        public Builder clientSecret(String clientSecret) {
            this.clientSecret = Objects.requireNonNull(clientSecret, "clientSecret");
            return this;
        }

        public Builder patientCount(int patientCount) {
            if (patientCount < MIN_PATIENT_COUNT || patientCount > MAX_PATIENT_COUNT_WITHOUT_CLINICAL_DATA) {
                throw new IllegalArgumentException("patientCount must be between " + MIN_PATIENT_COUNT + " and "
                        + MAX_PATIENT_COUNT_WITHOUT_CLINICAL_DATA + ", got " + patientCount);
            }
            this.patientCount = patientCount;
            return this;
        }

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        public Builder store(boolean store) {
            this.store = store;
            return this;
        }

        public Builder clinicalData(boolean clinicalData) {
            this.clinicalData = clinicalData;
            return this;
        }

        public DemoFhirServerConfig build() {
            if (clinicalData && patientCount > MAX_PATIENT_COUNT) {
                throw new IllegalArgumentException("patientCount must be at most " + MAX_PATIENT_COUNT
                        + " with clinical data (up to " + MAX_PATIENT_COUNT_WITHOUT_CLINICAL_DATA
                        + " patients only), got " + patientCount);
            }
            return new DemoFhirServerConfig(this);
        }

        private static String normalizeRealmUrl(String url) {
            String trimmed = requireNonBlank(url, "keycloakRealmUrl").trim();
            while (trimmed.endsWith("/")) {
                trimmed = trimmed.substring(0, trimmed.length() - 1);
            }
            URI uri;
            try {
                uri = URI.create(trimmed);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("keycloakRealmUrl is not a valid URL: " + url, e);
            }
            String scheme = uri.getScheme();
            if (uri.getHost() == null || !("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme))) {
                throw new IllegalArgumentException("keycloakRealmUrl must be an absolute http(s) URL: " + url);
            }
            return trimmed;
        }

        private static String requireNonBlank(String value, String name) {
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException(name + " must not be blank");
            }
            return value;
        }
    }
}
