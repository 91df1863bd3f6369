package io.github.smartonkeycloak.settings.client;

import java.util.List;

import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.services.ui.extend.UiTabProvider;

/** The console renders the tab from the factory's properties; this instance only repeats them. */
final class SmartClientSettingsTab implements UiTabProvider {

    private final SmartClientSettingsTabFactory factory;

    SmartClientSettingsTab(SmartClientSettingsTabFactory factory) {
        this.factory = factory;
    }

    @Override
    public String getHelpText() {
        return factory.getHelpText();
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return factory.getConfigProperties();
    }

    @Override
    public void close() {
    }
}
