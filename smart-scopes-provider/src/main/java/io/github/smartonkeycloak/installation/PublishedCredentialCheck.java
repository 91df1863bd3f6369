package io.github.smartonkeycloak.installation;

import java.util.List;
import java.util.Optional;

import org.keycloak.models.ClientModel;
import org.keycloak.models.ClientSecretConstants;
import org.keycloak.models.RealmModel;
import org.keycloak.protocol.oidc.OIDCAdvancedConfigWrapper;
import org.keycloak.provider.Provider;

/** Finds the clients of a realm that authenticate with {@link PublishedCredentials}. */
public final class PublishedCredentialCheck implements Provider {

    /** A client anyone can authenticate as; never carries the secret itself. */
    public record Finding(String realm, String clientId, String problem) {

        String logLine() {
            return "Realm '" + realm + "', client '" + clientId + "': " + problem + ". Anyone can authenticate as"
                    + " this client: change its credentials or delete it (docs/security.md, hardening checklist)";
        }
    }

    public List<Finding> findings(RealmModel realm) {
        return realm.getClientsStream().map(this::finding).flatMap(Optional::stream).toList();
    }

    public Optional<Finding> finding(ClientModel client) {
        return problem(client).map(problem -> new Finding(client.getRealm().getName(), client.getClientId(), problem));
    }

    private static Optional<String> problem(ClientModel client) {
        if (!client.isPublicClient() && (PublishedCredentials.isDemoSecret(client.getSecret())
                || PublishedCredentials.isDemoSecret(client.getAttribute(ClientSecretConstants.CLIENT_ROTATED_SECRET)))) {
            return Optional.of("its client secret is one of the published demo secrets of the SMART pack");
        }
        OIDCAdvancedConfigWrapper oidc = OIDCAdvancedConfigWrapper.fromClientModel(client);
        return oidc.isUseJwksUrl() ? PublishedCredentials.jwksUrlProblem(oidc.getJwksUrl()) : Optional.empty();
    }

    @Override
    public void close() {
    }
}
