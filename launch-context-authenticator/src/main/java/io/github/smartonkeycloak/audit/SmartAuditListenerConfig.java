package io.github.smartonkeycloak.audit;

import java.util.List;

import org.keycloak.Config;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/**
 * Server options of the audit listener ({@code --spi-events-listener--smart-audit--<name>=<value>}): the bounds of
 * the audit trail. Values out of range count as the nearest bound; unreadable ones as the default.
 */
public final class SmartAuditListenerConfig {

    public static final String QUEUE_CAPACITY = "queue-capacity";
    public static final String FHIR_TIMEOUT_MILLIS = "fhir-timeout-millis";

    static final int DEFAULT_QUEUE_CAPACITY = 1000;
    static final int MAX_QUEUE_CAPACITY = 100_000;
    static final int DEFAULT_FHIR_TIMEOUT_MILLIS = 5000;
    static final int MAX_FHIR_TIMEOUT_MILLIS = 60_000;

    private final int queueCapacity;
    private final int fhirTimeoutMillis;

    SmartAuditListenerConfig(int queueCapacity, int fhirTimeoutMillis) {
        this.queueCapacity = clamp(queueCapacity, 1, MAX_QUEUE_CAPACITY);
        this.fhirTimeoutMillis = clamp(fhirTimeoutMillis, 100, MAX_FHIR_TIMEOUT_MILLIS);
    }

    static SmartAuditListenerConfig of(Config.Scope scope) {
        if (scope == null) {
            return new SmartAuditListenerConfig(DEFAULT_QUEUE_CAPACITY, DEFAULT_FHIR_TIMEOUT_MILLIS);
        }
        return new SmartAuditListenerConfig(number(scope, QUEUE_CAPACITY, DEFAULT_QUEUE_CAPACITY),
                number(scope, FHIR_TIMEOUT_MILLIS, DEFAULT_FHIR_TIMEOUT_MILLIS));
    }

    /** AuditEvents waiting for the sink; when full, new ones are dropped (and counted), never waited for. */
    public int queueCapacity() {
        return queueCapacity;
    }

    /** Connect and read timeout of each POST to the FHIR server. */
    public int fhirTimeoutMillis() {
        return fhirTimeoutMillis;
    }

    static List<ProviderConfigProperty> properties() {
        return ProviderConfigurationBuilder.create()
                .property().name(QUEUE_CAPACITY).label("Audit queue capacity")
                .helpText("AuditEvents waiting to be written (1 to " + MAX_QUEUE_CAPACITY + "). When the queue is full,"
                        + " new events are dropped and counted; a login never waits for the audit trail.")
                .type(ProviderConfigProperty.INTEGER_TYPE).defaultValue(DEFAULT_QUEUE_CAPACITY).add()
                .property().name(FHIR_TIMEOUT_MILLIS).label("FHIR timeout (ms)")
                .helpText("Connect and read timeout of each AuditEvent POST to the FHIR server (100 to "
                        + MAX_FHIR_TIMEOUT_MILLIS + ").")
                .type(ProviderConfigProperty.INTEGER_TYPE).defaultValue(DEFAULT_FHIR_TIMEOUT_MILLIS).add()
                .build();
    }

    private static int number(Config.Scope scope, String name, int defaultValue) {
        try {
            Integer value = scope.getInt(name);
            return value == null ? defaultValue : value;
        } catch (RuntimeException e) {
            return defaultValue;
        }
    }

    private static int clamp(int value, int min, int max) {
        return Math.max(min, Math.min(max, value));
    }
}
