package io.github.smartonkeycloak.settings.client;

import java.util.List;
import java.util.Map;

import io.github.smartonkeycloak.common.SmartProviderFactory;
import io.github.smartonkeycloak.core.settings.SmartClientSettings;
import io.github.smartonkeycloak.settings.AttributeWriter;
import io.github.smartonkeycloak.settings.SettingsForm;
import io.github.smartonkeycloak.settings.SettingsTab;
import org.keycloak.component.ComponentModel;
import org.keycloak.component.ComponentValidationException;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.services.ui.extend.UiTabProvider;
import org.keycloak.services.ui.extend.UiTabProviderFactory;

/**
 * A "SMART" tab on each client's page (declarative admin UI) for the settings of {@link SmartClientSettings}. The
 * console keeps one form per realm for such a tab and adds the route's {@code clientId} (the client's id) on save;
 * the save goes to that client's attributes, and only fields the admin changed are written. The form shows the
 * values of the client saved last through the tab; the client's attributes (REST, realm JSON) stay the truth.
 */
public final class SmartClientSettingsTabFactory
        implements UiTabProviderFactory<ComponentModel>, SmartProviderFactory<UiTabProvider> {

    public static final String PROVIDER_ID = "smart-client-settings";
    /** The tab's route segment: {@code /#/{realm}/clients/{id}/smart}. */
    public static final String TAB = "smart";
    /** The route parameter the console copies into the saved form: the client's id (not its client id). */
    static final String CLIENT_PARAM = "clientId";

    static final SettingsForm FORM = new SettingsForm(SmartClientSettings.SETTINGS, SmartClientSettings::validate);

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public UiTabProvider create(KeycloakSession session) {
        return new SettingsTab(getHelpText(), getConfigProperties());
    }

    @Override
    public String getHelpText() {
        return "SMART App Launch settings of a client (client attributes smart.*)";
    }

    @Override
    public String getPath() {
        return "/:realm/clients/:clientId/:tab";
    }

    @Override
    public Map<String, String> getParams() {
        return Map.of("tab", TAB);
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return FORM.properties();
    }

    @Override
    public void validateConfiguration(KeycloakSession session, RealmModel realm, ComponentModel model)
            throws ComponentValidationException {
        ClientModel client = client(realm, model);
        ComponentModel previous = model.getId() == null ? null : realm.getComponent(model.getId());
        FORM.store(model, FORM.resolve(model, previous, client.getAttributes()));
    }

    @Override
    public void onCreate(KeycloakSession session, RealmModel realm, ComponentModel model) {
        write(realm, model);
    }

    @Override
    public void onUpdate(KeycloakSession session, RealmModel realm, ComponentModel oldModel, ComponentModel newModel) {
        write(realm, newModel);
    }

    private static void write(RealmModel realm, ComponentModel model) {
        ClientModel client = client(realm, model);
        new AttributeWriter(client::getAttribute, client::setAttribute, client::removeAttribute)
                .write(FORM.stored(model));
    }

    static ClientModel client(RealmModel realm, ComponentModel model) {
        String id = model.get(CLIENT_PARAM);
        ClientModel client = id == null ? null : realm.getClientById(id);
        if (client == null) {
            throw new ComponentValidationException("Save the SMART settings from a client's SMART tab: no client "
                    + (id == null ? "was named" : "has the id " + id) + " in this realm");
        }
        return client;
    }
}
