package io.github.smartonkeycloak.settings.realm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

import io.github.smartonkeycloak.core.settings.SmartRealmSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.keycloak.component.ComponentModel;
import org.keycloak.component.ComponentValidationException;
import org.keycloak.models.RealmModel;
import org.keycloak.services.ui.extend.UiTabProvider;
import org.mockito.ArgumentCaptor;
import org.mockito.Mock;
import org.mockito.junit.jupiter.MockitoExtension;
import org.mockito.junit.jupiter.MockitoSettings;
import org.mockito.quality.Strictness;

@ExtendWith(MockitoExtension.class)
@MockitoSettings(strictness = Strictness.LENIENT)
class SmartRealmSettingsTabFactoryTest {

    private final SmartRealmSettingsTabFactory factory = new SmartRealmSettingsTabFactory();

    @Mock
    RealmModel realm;

    private final Map<String, String> attributes = new HashMap<>(Map.of(
            SmartRealmSettings.FHIR_BASE_URLS, "https://fhir.example/r4",
            SmartRealmSettings.LAUNCH_LIFESPAN, "600"));

    private ComponentModel stored(Map<String, String> fields) {
        ComponentModel model = new ComponentModel();
        model.setId("tab");
        fields.forEach(model::put);
        return model;
    }

    @Test
    void theTabSitsUnderRealmSettingsWithItsOwnRoute() {
        assertThat(factory.getId()).isEqualTo("smart-realm-settings");
        assertThat(factory.getPath()).isEqualTo("/:realm/realm-settings/:tab?");
        assertThat(factory.getParams()).containsEntry("tab", "smart");
        assertThat(factory.getTypeMetadata()).containsKeys("path", "params");
    }

    @Test
    void aSaveStoresWhatTheAttributesWillHoldAndWritesOnlyTheChange() {
        given(realm.getAttributes()).willReturn(attributes);
        given(realm.getComponent("tab")).willReturn(stored(Map.of("fhirBaseUrls", "https://old.example/r4")));
        given(realm.getAttribute(anyString())).willAnswer(call -> attributes.get(call.<String>getArgument(0)));
        ComponentModel entered = stored(Map.of("fhirBaseUrls", "https://old.example/r4", "withheldCapabilities",
                "client-public", "realm", "smart", "tab", "smart"));

        factory.validateConfiguration(null, realm, entered);
        factory.onUpdate(null, realm, null, entered);

        assertThat(entered.get("fhirBaseUrls")).as("unchanged: the attribute, not the form's old copy")
                .isEqualTo("https://fhir.example/r4");
        assertThat(entered.get("launchLifespan")).isEqualTo("600");
        verify(realm).setAttribute(SmartRealmSettings.WITHHELD_CAPABILITIES, "client-public");
        verify(realm, never()).setAttribute(SmartRealmSettings.FHIR_BASE_URLS, "https://old.example/r4");
        verify(realm, never()).removeAttribute(anyString());
    }

    @Test
    void aBadValueIsRefusedBeforeAnythingIsStored() {
        given(realm.getAttributes()).willReturn(attributes);
        ComponentModel entered = stored(Map.of("fhirBaseUrls", "http://fhir.example/r4"));

        assertThatThrownBy(() -> factory.validateConfiguration(null, realm, entered))
                .isInstanceOf(ComponentValidationException.class)
                .hasMessageContaining("smart.fhirBaseUrls").hasMessageContaining("https");
    }

    @Test
    void aRealmWithoutTheTabGetsOneFilledFromItsAttributes() {
        given(realm.getId()).willReturn("realm-id");
        given(realm.getAttributes()).willReturn(attributes);
        given(realm.getComponentsStream("realm-id", UiTabProvider.class.getName())).willReturn(Stream.empty());

        SmartRealmSettingsTabFactory.ensureForm(realm);

        ArgumentCaptor<ComponentModel> added = ArgumentCaptor.forClass(ComponentModel.class);
        verify(realm).addComponentModel(added.capture());
        assertThat(added.getValue().getProviderId()).isEqualTo("smart-realm-settings");
        assertThat(added.getValue().getParentId()).isEqualTo("realm-id");
        assertThat(added.getValue().get("fhirBaseUrls")).isEqualTo("https://fhir.example/r4");
        assertThat(added.getValue().get("launchLifespan")).isEqualTo("600");
    }

    @Test
    void aRealmThatHasTheTabKeepsIt() {
        ComponentModel existing = stored(Map.of());
        existing.setProviderId("smart-realm-settings");
        given(realm.getId()).willReturn("realm-id");
        given(realm.getComponentsStream("realm-id", UiTabProvider.class.getName())).willReturn(Stream.of(existing));

        SmartRealmSettingsTabFactory.ensureForm(realm);

        verify(realm, never()).addComponentModel(any());
    }
}
