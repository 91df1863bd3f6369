package io.github.smartonkeycloak.audit;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import io.github.smartonkeycloak.common.OperationalInfo;
import org.keycloak.Config;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventListenerProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ServerInfoAwareProviderFactory;

/**
 * The audit trail: event listener {@code smart-audit} (add it to a realm's event listeners). Owns what outlives a
 * request: the bounded queue and its one worker thread (started at {@link #init}, stopped at {@link #close}), the
 * counters shown on the admin console's "Provider info" page, and a briefly reused service token for the
 * {@code fhir} sink.
 * <p>
 * Why the token is issued on a request thread and reused, not issued by the worker: the worker has no request, and
 * {@code FhirServiceToken} needs one (the issuer comes from the request's base URL, as for any token Keycloak
 * issues); a session of its own ({@code KeycloakModelUtils.runJobInTransaction}) would have no URL to take it from.
 * Issuing one per event would put a signature on every login. So the first event of a realm issues one on its
 * request thread, and later events reuse it for {@link #TOKEN_REUSE}, half its 60-second life, so that it is still
 * valid when the worker sends it. The token goes only to that realm's FHIR base URL.
 */
public final class SmartAuditListenerFactory implements EventListenerProviderFactory, ServerInfoAwareProviderFactory {

    public static final String PROVIDER_ID = "smart-audit";
    static final Duration TOKEN_REUSE = Duration.ofSeconds(30);
    static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(2);

    private record ReusableToken(String token, long issuedAtMillis) {
    }

    private final Map<String, ReusableToken> tokens = new ConcurrentHashMap<>();
    private SmartAuditListenerConfig config = SmartAuditListenerConfig.of(null);
    private AuditQueue queue;

    @Override
    public EventListenerProvider create(KeycloakSession session) {
        return new SmartAuditListener(session, this);
    }

    @Override
    public void init(Config.Scope scope) {
        config = SmartAuditListenerConfig.of(scope);
        queue = new AuditQueue(config.queueCapacity(), System::currentTimeMillis);
        queue.start();
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
    }

    @Override
    public void close() {
        if (queue != null) {
            queue.close(SHUTDOWN_GRACE);
        }
    }

    SmartAuditListenerConfig config() {
        return config;
    }

    AuditQueue queue() {
        if (queue == null) {
            throw new IllegalStateException(PROVIDER_ID + " used before init");
        }
        return queue;
    }

    /** The token for {@code key} (realm and client) if issued less than {@link #TOKEN_REUSE} ago, else a new one. */
    String serviceToken(String key, Supplier<String> issue) {
        long now = System.currentTimeMillis();
        ReusableToken cached = tokens.get(key);
        if (cached != null && now - cached.issuedAtMillis() < TOKEN_REUSE.toMillis()) {
            return cached.token();
        }
        String token = issue.get();
        tokens.put(key, new ReusableToken(token, now));
        return token;
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public List<ProviderConfigProperty> getConfigMetadata() {
        return SmartAuditListenerConfig.properties();
    }

    @Override
    public Map<String, String> getOperationalInfo() {
        Map<String, String> info = new LinkedHashMap<>(OperationalInfo.of(getClass()));
        if (queue != null) {
            info.put("Audit events written", String.valueOf(queue.written()));
            info.put("Audit events failed", String.valueOf(queue.failed()));
            info.put("Audit events dropped", String.valueOf(queue.dropped()));
            info.put("Audit events queued", String.valueOf(queue.queued()));
            info.put("Audit queue capacity", String.valueOf(config.queueCapacity()));
        }
        return info;
    }
}
