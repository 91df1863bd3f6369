package io.github.smartonkeycloak.it.launch;

import static io.github.smartonkeycloak.it.support.SmartAppFlow.scopes;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.smartonkeycloak.it.support.DemoUsers;
import io.github.smartonkeycloak.it.support.Jwt;
import io.github.smartonkeycloak.it.support.RealmFixtures;
import io.github.smartonkeycloak.it.support.SmartAppFlow;
import io.github.smartonkeycloak.it.support.SmartRealm;
import io.github.smartonkeycloak.it.support.SmartServerConfig;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.EventRepresentation;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.injection.LifeCycle;
import org.keycloak.testframework.realm.ManagedRealm;

/** {@code openid fhirUser} for a user without a FHIR resource: the grant says so, and so does the login event. */
@KeycloakIntegrationTest(config = SmartServerConfig.class)
class FhirUserClaimIT {

    private static final String APP = "fhir-user-app";

    @InjectRealm(fromJson = SmartRealm.JSON, config = SmartRealm.FreshId.class, lifecycle = LifeCycle.GLOBAL)
    ManagedRealm realm;

    @Test
    void aUserWithoutTheAttributeIsNotGrantedFhirUserAndTheEventSaysWhy() {
        RealmFixtures fixtures = new RealmFixtures(realm);
        fixtures.publicClient(APP, List.of("fhirUser"));
        fixtures.user("no-fhir-user", "no-fhir-user", Map.of());
        DemoUsers.DemoUser user = new DemoUsers.DemoUser("no-fhir-user", "no-fhir-user", null, List.of());

        JsonNode tokens = new SmartAppFlow(realm.getBaseUrl(), APP).tokens("openid fhirUser", user);

        assertThat(scopes(tokens.path("scope").asText())).contains("openid").doesNotContain("fhirUser");
        assertThat(Jwt.payload(tokens.path("id_token").asText()).has("fhirUser")).isFalse();
        List<EventRepresentation> logins = realm.admin().getEvents(List.of("LOGIN"), APP, null, null, null, null, 0, 5);
        assertThat(logins).isNotEmpty();
        assertThat(logins.get(0).getDetails()).containsEntry("smart_warning",
                "fhirUser requested, but the user has no fhirUser attribute");

        JsonNode practitioner = new SmartAppFlow(realm.getBaseUrl(), APP).tokens("openid fhirUser", DemoUsers.load().practitioner());
        assertThat(scopes(practitioner.path("scope").asText())).contains("fhirUser");
    }
}
