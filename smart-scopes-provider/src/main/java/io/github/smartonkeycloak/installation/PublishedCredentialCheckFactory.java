package io.github.smartonkeycloak.installation;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.github.smartonkeycloak.common.SmartProviderFactory;
import org.jboss.logging.Logger;
import org.keycloak.Config;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.models.utils.PostMigrationEvent;
import org.keycloak.provider.ProviderEvent;
import org.keycloak.provider.ProviderEventListener;
import org.keycloak.utils.KeycloakSessionUtil;

/**
 * Logs an ERROR for every client anyone can authenticate as ({@link PublishedCredentials}): for all realms once
 * Keycloak has started and imported its realms, and for a client whenever it is created or updated. The admin's
 * "Provider info" ({@code GET /admin/serverinfo}) lists the current findings: all realms for an admin of the admin
 * realm, their own realm for other realm admins. Requests are not refused: the demo and the tests use these clients
 * on purpose (see docs/security.md).
 */
public final class PublishedCredentialCheckFactory
        implements SmartProviderFactory<PublishedCredentialCheck>, ProviderEventListener {

    public static final String PROVIDER_ID = "smart-published-credentials";
    /** Operational-info key of the number of findings; each finding adds a key {@code <realm> / <client id>}. */
    public static final String FINDINGS = "Clients with published credentials";

    private static final Logger LOG = Logger.getLogger(PublishedCredentialCheckFactory.class);

    /** Until Keycloak has imported its realms, the start-up scan covers what the import creates. */
    private volatile boolean started;

    @Override
    public PublishedCredentialCheck create(KeycloakSession session) {
        return new PublishedCredentialCheck();
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        factory.register(this);
    }

    @Override
    public void onEvent(ProviderEvent event) {
        if (event instanceof PostMigrationEvent startup) {
            KeycloakModelUtils.runJobInTransaction(startup.getFactory(), session -> session.realms().getRealmsStream()
                    .flatMap(realm -> check(session).findings(realm).stream())
                    .forEach(finding -> LOG.error(finding.logLine())));
            started = true;
        } else if (started && event instanceof ClientModel.ClientUpdatedEvent updated) {
            check(updated.getKeycloakSession()).finding(updated.getUpdatedClient())
                    .ifPresent(finding -> LOG.error(finding.logLine()));
        }
    }

    @Override
    public Map<String, String> getOperationalInfo() {
        Map<String, String> info = new LinkedHashMap<>(SmartProviderFactory.super.getOperationalInfo());
        // Read now rather than remembered: a regenerated secret fires no event.
        KeycloakSession session = KeycloakSessionUtil.getKeycloakSession();
        if (session == null) {
            return info;
        }
        List<PublishedCredentialCheck.Finding> findings = visibleRealms(session)
                .flatMap(realm -> check(session).findings(realm).stream()).toList();
        info.put(FINDINGS, String.valueOf(findings.size()));
        findings.forEach(finding -> info.put(finding.realm() + " / " + finding.clientId(), finding.problem()));
        return info;
    }

    /** An admin of the admin realm sees every realm, other realm admins (who may read server info) their own. */
    private static Stream<RealmModel> visibleRealms(KeycloakSession session) {
        RealmModel adminRealm = session.getContext().getRealm();
        if (adminRealm == null || adminRealm.getName().equals(Config.getAdminRealm())) {
            return session.realms().getRealmsStream();
        }
        return Stream.of(adminRealm);
    }

    private static PublishedCredentialCheck check(KeycloakSession session) {
        return session.getProvider(PublishedCredentialCheck.class, PROVIDER_ID);
    }
}
