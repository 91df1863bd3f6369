package io.github.smartonkeycloak.settings;

import java.util.List;

import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.services.ui.extend.UiTabProvider;

/** A SMART tab of the admin console. The console renders it from its factory's properties; this only repeats them. */
public final class SettingsTab implements UiTabProvider {

    private final String helpText;
    private final List<ProviderConfigProperty> properties;

    public SettingsTab(String helpText, List<ProviderConfigProperty> properties) {
        this.helpText = helpText;
        this.properties = properties;
    }

    @Override
    public String getHelpText() {
        return helpText;
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return properties;
    }

    @Override
    public void close() {
    }
}
