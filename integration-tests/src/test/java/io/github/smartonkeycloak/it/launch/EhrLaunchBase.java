package io.github.smartonkeycloak.it.launch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.smartonkeycloak.it.support.DemoUsers;
import io.github.smartonkeycloak.it.support.LaunchApi;
import io.github.smartonkeycloak.it.support.RealmFixtures;
import io.github.smartonkeycloak.it.support.SmartAppFlow;
import io.github.smartonkeycloak.it.support.SmartRealm;
import org.junit.jupiter.api.BeforeEach;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.injection.LifeCycle;
import org.keycloak.testframework.realm.ManagedRealm;

/** What the EHR launch tests share: the realm, the test app, a launch with every context field, and launching it. */
abstract class EhrLaunchBase {

    static final String APP = "ehr-test-app";
    static final String EHR_SCOPE = "launch openid fhirUser patient/*.rs";
    static final Map<String, Object> FULL_CONTEXT = Map.of(
            "client_id", APP,
            "patient", "amy-shaw",
            "encounter", "Encounter/amy-shaw-e1",
            "fhirContext", List.of(Map.of("reference", "Observation/o-1", "role", "https://example.org/roles/focus")),
            "need_patient_banner", true,
            "smart_style_url", "https://ehr.example/style.json",
            "intent", "reconcile-medications",
            "tenant", "clinic-7");

    @InjectRealm(fromJson = SmartRealm.JSON, config = SmartRealm.FreshId.class, lifecycle = LifeCycle.GLOBAL)
    ManagedRealm realm;

    final DemoUsers users = DemoUsers.load();

    @BeforeEach
    void registerTheApp() {
        new RealmFixtures(realm).publicClient(APP, List.of("launch", "launch/patient", "launch/encounter", "fhirUser",
                "offline_access", "online_access", "patient/*.rs", "user/*.rs"));
    }

    String launch(Map<String, Object> body) {
        return new LaunchApi(realm.getBaseUrl()).register(body);
    }

    SmartAppFlow app(String launchId) {
        return new SmartAppFlow(realm.getBaseUrl(), APP).with("launch", launchId);
    }

    static void assertFullContext(JsonNode fields) {
        assertThat(fields.path("patient").isTextual()).isTrue();
        assertThat(fields.path("patient").asText()).isEqualTo("amy-shaw");
        assertThat(fields.path("encounter").asText()).isEqualTo("amy-shaw-e1");
        assertThat(fields.path("fhirContext").isArray()).isTrue();
        assertThat(fields.path("fhirContext").get(0).path("reference").asText()).isEqualTo("Observation/o-1");
        assertThat(fields.path("fhirContext").get(0).path("role").asText()).isEqualTo("https://example.org/roles/focus");
        assertThat(fields.path("need_patient_banner").isBoolean()).isTrue();
        assertThat(fields.path("need_patient_banner").asBoolean()).isTrue();
        assertThat(fields.path("smart_style_url").asText()).isEqualTo("https://ehr.example/style.json");
        assertThat(fields.path("intent").asText()).isEqualTo("reconcile-medications");
        assertThat(fields.path("tenant").asText()).isEqualTo("clinic-7");
    }
}
