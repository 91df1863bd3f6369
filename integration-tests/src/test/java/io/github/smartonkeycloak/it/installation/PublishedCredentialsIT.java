package io.github.smartonkeycloak.it.installation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import io.github.smartonkeycloak.installation.PublishedCredentialCheckFactory;
import io.github.smartonkeycloak.installation.PublishedCredentialCheckSpi;
import io.github.smartonkeycloak.it.support.RealmFixtures;
import io.github.smartonkeycloak.it.support.SmartServerConfig;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.testframework.annotations.InjectAdminClient;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;

/**
 * A client anyone can authenticate as, because its secret is one of the project's published demo secrets or its
 * JWKS URL is on a published test-kit host, is reported to the server's admins (and logged as an ERROR) until its
 * credentials change.
 */
@KeycloakIntegrationTest(config = SmartServerConfig.class)
class PublishedCredentialsIT {

    @InjectAdminClient
    Keycloak admin;

    @InjectRealm(ref = "published")
    ManagedRealm published;

    private Map<String, String> findings() {
        return admin.serverInfo().getInfo().getProviders().get(PublishedCredentialCheckSpi.SPI_NAME).getProviders()
                .get(PublishedCredentialCheckFactory.PROVIDER_ID).getOperationalInfo();
    }

    private String key(String clientId) {
        return published.getName() + " / " + clientId;
    }

    @Test
    void aPublishedDemoSecretIsReportedUntilTheSecretIsRegenerated() {
        new RealmFixtures(published).backendClient("copied-demo-backend", "demo-backend-secret", List.of());

        assertThat(findings()).hasEntrySatisfying(key("copied-demo-backend"),
                problem -> assertThat(problem).contains("published demo secret").doesNotContain("demo-backend-secret"));

        ClientRepresentation client = published.admin().clients().findByClientId("copied-demo-backend").get(0);
        published.admin().clients().get(client.getId()).generateNewSecret();

        assertThat(findings()).doesNotContainKey(key("copied-demo-backend"));
    }

    @Test
    void aJwksUrlOnInfernosHostIsReportedUntilItChanges() {
        new RealmFixtures(published).assertionClient("copied-inferno-backend",
                "https://inferno.healthit.gov/suites/custom/g10_certification/.well-known/jwks.json", null, List.of());

        assertThat(findings()).hasEntrySatisfying(key("copied-inferno-backend"),
                problem -> assertThat(problem).contains("inferno.healthit.gov"));

        new RealmFixtures(published).clientAttribute("copied-inferno-backend", "jwks.url",
                "https://backend.example.org/.well-known/jwks.json");

        assertThat(findings()).doesNotContainKey(key("copied-inferno-backend"));
    }
}
