package io.github.smartonkeycloak.settings.realm;

import java.util.List;
import java.util.Map;

import io.github.smartonkeycloak.common.SmartProviderFactory;
import io.github.smartonkeycloak.core.settings.SmartRealmSettings;
import io.github.smartonkeycloak.settings.AttributeWriter;
import io.github.smartonkeycloak.settings.SettingsForm;
import io.github.smartonkeycloak.settings.SettingsTab;
import org.jboss.logging.Logger;
import org.keycloak.component.ComponentModel;
import org.keycloak.component.ComponentValidationException;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderEvent;
import org.keycloak.provider.ProviderEventListener;
import org.keycloak.services.ui.extend.UiTabProvider;
import org.keycloak.services.ui.extend.UiTabProviderFactory;

/**
 * A "SMART" tab under Realm settings (Keycloak's declarative admin UI, feature {@code declarative-ui}) that shows and
 * edits every setting of {@link SmartRealmSettings}. The values live in the realm attributes, as before: a save
 * copies them there (a bad value is refused with the reason), and the tab's stored form is filled from the
 * attributes when a realm is created and at start-up, and again after every save.
 */
public final class SmartRealmSettingsTabFactory
        implements UiTabProviderFactory<ComponentModel>, SmartProviderFactory<UiTabProvider>, ProviderEventListener {

    public static final String PROVIDER_ID = "smart-realm-settings";
    /** The tab's route segment: {@code /#/{realm}/realm-settings/smart}. */
    public static final String TAB = "smart";

    private static final Logger LOG = Logger.getLogger(SmartRealmSettingsTabFactory.class);
    static final SettingsForm FORM = new SettingsForm(SmartRealmSettings.SETTINGS, SmartRealmSettings::validate);

    private KeycloakSessionFactory sessionFactory;

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
        return "SMART App Launch settings of the realm (realm attributes smart.*)";
    }

    @Override
    public String getPath() {
        return "/:realm/realm-settings/:tab?";
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
    public void postInit(KeycloakSessionFactory factory) {
        sessionFactory = factory;
        factory.register(this);
        // Realms that exist already get their form from their attributes; a failure must not stop the server.
        try {
            KeycloakModelUtils.runJobInTransaction(factory,
                    session -> session.realms().getRealmsStream().forEach(SmartRealmSettingsTabFactory::ensureForm));
        } catch (RuntimeException e) {
            LOG.warnf("Could not prepare the SMART settings tab of existing realms: %s", e.getMessage());
        }
    }

    @Override
    public void close() {
        if (sessionFactory != null) {
            sessionFactory.unregister(this);
        }
    }

    @Override
    public void onEvent(ProviderEvent event) {
        if (event instanceof RealmModel.RealmPostCreateEvent created) {
            ensureForm(created.getCreatedRealm());
        }
    }

    @Override
    public void validateConfiguration(KeycloakSession session, RealmModel realm, ComponentModel model)
            throws ComponentValidationException {
        ComponentModel previous = model.getId() == null ? null : realm.getComponent(model.getId());
        FORM.store(model, FORM.resolve(model, previous, realm.getAttributes()));
    }

    @Override
    public void onCreate(KeycloakSession session, RealmModel realm, ComponentModel model) {
        writer(realm).write(FORM.stored(model));
    }

    @Override
    public void onUpdate(KeycloakSession session, RealmModel realm, ComponentModel oldModel, ComponentModel newModel) {
        writer(realm).write(FORM.stored(newModel));
    }

    static AttributeWriter writer(RealmModel realm) {
        return new AttributeWriter(realm::getAttribute, realm::setAttribute, realm::removeAttribute);
    }

    static void ensureForm(RealmModel realm) {
        boolean present = realm.getComponentsStream(realm.getId(), UiTabProvider.class.getName())
                .anyMatch(component -> PROVIDER_ID.equals(component.getProviderId()));
        if (!present) {
            ComponentModel form = new ComponentModel();
            form.setName(PROVIDER_ID);
            form.setProviderId(PROVIDER_ID);
            form.setProviderType(UiTabProvider.class.getName());
            form.setParentId(realm.getId());
            FORM.store(form, realm.getAttributes());
            realm.addComponentModel(form);
        }
    }
}
