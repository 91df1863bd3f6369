package io.github.smartonkeycloak.it.launch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.smartonkeycloak.capability.SmartCapability;
import io.github.smartonkeycloak.it.support.Http;
import io.github.smartonkeycloak.it.support.Proves;
import io.github.smartonkeycloak.it.support.RealmFixtures;
import io.github.smartonkeycloak.it.support.SmartServerConfig;
import org.junit.jupiter.api.Test;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;

/**
 * The SMART style document an EHR launch points apps to: the realm's own when the launch names none, served as
 * JSON, configurable per realm.
 */
@KeycloakIntegrationTest(config = SmartServerConfig.class)
class StyleDocumentIT extends EhrLaunchBase {

    @Test
    void withoutAStyleTheRealmsStyleDocumentIsUsedAndServedAsJson() {
        Map<String, Object> context = new HashMap<>(FULL_CONTEXT);
        context.remove("smart_style_url");
        context.remove("need_patient_banner");
        JsonNode tokens = app(launch(context)).tokens(EHR_SCOPE, users.practitioner());

        assertThat(tokens.path("need_patient_banner").isBoolean()).isTrue();
        assertThat(tokens.path("need_patient_banner").asBoolean()).isFalse();
        String styleUrl = tokens.path("smart_style_url").asText();
        assertThat(styleUrl).isEqualTo(realm.getBaseUrl() + "/smart-launch/style");
        Http.Response style = Http.plain().get(styleUrl);
        assertThat(style.status()).isEqualTo(200);
        assertThat(style.header("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        assertThat(style.json().path("color_background").isTextual()).isTrue();
        assertThat(style.json().path("dim_border_radius").isTextual()).isTrue();
    }

    @Test
    @Proves(SmartCapability.CONTEXT_STYLE)
    void theStyleDocumentIsConfigurablePerRealm() {
        new RealmFixtures(realm).realmAttribute("smart.style", "{\"color_background\":\"#123456\"}");

        Http.Response style = Http.plain().get(realm.getBaseUrl() + "/smart-launch/style", "Origin", "https://app.example");

        assertThat(style.json().path("color_background").asText()).isEqualTo("#123456");
        assertThat(style.header("Access-Control-Allow-Origin")).isPresent();
    }
}
