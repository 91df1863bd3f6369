package io.github.smartonkeycloak.settings.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import java.util.HashMap;
import java.util.Map;

import io.github.smartonkeycloak.core.settings.SmartClientSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.keycloak.component.ComponentModel;
import org.keycloak.component.ComponentValidationException;
import org.keycloak.models.ClientModel;
import org.keycloak.models.RealmModel;
import org.mockito.Mock;
import org.mockito.junit.jupiter.MockitoExtension;
import org.mockito.junit.jupiter.MockitoSettings;
import org.mockito.quality.Strictness;

@ExtendWith(MockitoExtension.class)
@MockitoSettings(strictness = Strictness.LENIENT)
class SmartClientSettingsTabFactoryTest {

    private final SmartClientSettingsTabFactory factory = new SmartClientSettingsTabFactory();

    @Mock
    RealmModel realm;

    @Mock
    ClientModel client;

    private final Map<String, String> attributes = new HashMap<>(Map.of(SmartClientSettings.CONSENT_PROMPT, "always"));

    private static ComponentModel form(Map<String, String> fields) {
        ComponentModel model = new ComponentModel();
        fields.forEach(model::put);
        return model;
    }

    @Test
    void theTabSitsOnEveryClientsPage() {
        assertThat(factory.getId()).isEqualTo("smart-client-settings");
        assertThat(factory.getPath()).isEqualTo("/:realm/clients/:clientId/:tab");
        assertThat(factory.getParams()).containsEntry("tab", "smart");
    }

    @Test
    void aSaveGoesToTheClientOfTheRoute() {
        given(realm.getClientById("uuid-1")).willReturn(client);
        given(client.getAttributes()).willReturn(attributes);
        given(client.getAttribute(anyString())).willAnswer(call -> attributes.get(call.<String>getArgument(0)));
        ComponentModel entered = form(Map.of("clientId", "uuid-1", "launchUrl", "https://app.example/launch"));

        factory.validateConfiguration(null, realm, entered);
        factory.onCreate(null, realm, entered);

        verify(client).setAttribute(SmartClientSettings.LAUNCH_URL, "https://app.example/launch");
        verify(client, never()).removeAttribute(anyString());
        assertThat(entered.get("consentPrompt")).as("the client's own value, shown next time").isEqualTo("always");
    }

    @Test
    void aSaveWithoutAClientOfThisRealmIsRefused() {
        assertThatThrownBy(() -> factory.validateConfiguration(null, realm, form(Map.of("launchUrl", "https://a.example"))))
                .isInstanceOf(ComponentValidationException.class).hasMessageContaining("no client was named");
        assertThatThrownBy(() -> factory.validateConfiguration(null, realm, form(Map.of("clientId", "gone"))))
                .isInstanceOf(ComponentValidationException.class).hasMessageContaining("gone");
    }

    @Test
    void aBadLaunchUrlIsRefusedWithTheReason() {
        given(realm.getClientById("uuid-1")).willReturn(client);
        given(client.getAttributes()).willReturn(attributes);

        assertThatThrownBy(() -> factory.validateConfiguration(null, realm,
                form(Map.of("clientId", "uuid-1", "launchUrl", "javascript:alert(1)"))))
                .isInstanceOf(ComponentValidationException.class)
                .hasMessageContaining("smart.launchUrl").hasMessageContaining("absolute http or https URL");
    }
}
