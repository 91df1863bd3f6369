package io.github.smartonkeycloak.settings;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

import io.github.smartonkeycloak.core.settings.Setting;
import org.keycloak.component.ComponentModel;
import org.keycloak.component.ComponentValidationException;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/**
 * A console tab's form over a list of settings, whose truth stays in realm or client attributes. The console keeps
 * one component per tab and shows only its stored values, so the tab copies entered values to the attributes and
 * stores what the attributes then hold. Only fields the admin changed are written: a value changed meanwhile
 * through REST or JSON import is not overwritten by the form's older copy.
 */
public final class SettingsForm {

    private final List<Setting> settings;
    private final Function<Map<String, String>, List<String>> validation;

    public SettingsForm(List<Setting> settings, Function<Map<String, String>, List<String>> validation) {
        this.settings = settings;
        this.validation = validation;
    }

    /** The form's field name: the key without {@code smart.} (the console's forms cannot take dots in names). */
    public static String field(Setting setting) {
        return setting.key().substring(setting.key().indexOf('.') + 1);
    }

    public List<ProviderConfigProperty> properties() {
        ProviderConfigurationBuilder builder = ProviderConfigurationBuilder.create();
        for (Setting setting : settings) {
            var property = builder.property()
                    .name(field(setting))
                    .label(setting.label())
                    .helpText(helpText(setting))
                    .type(type(setting.type()));
            if (setting.type() == Setting.Type.BOOLEAN || setting.type() == Setting.Type.CHOICE) {
                property.defaultValue(setting.defaultText());
            }
            if (!setting.choices().isEmpty()) {
                property.options(setting.choices());
            }
            property.add();
        }
        return builder.build();
    }

    static String helpText(Setting setting) {
        String bound = setting.boundDescription().isEmpty() ? "" : " Allowed: " + setting.boundDescription() + ".";
        return setting.help() + " Attribute " + setting.key() + "; empty means the default: " + setting.defaultText()
                + "." + bound;
    }

    private static String type(Setting.Type type) {
        return switch (type) {
            case LONG_TEXT -> ProviderConfigProperty.TEXT_TYPE;
            case BOOLEAN -> ProviderConfigProperty.BOOLEAN_TYPE;
            case CHOICE -> ProviderConfigProperty.LIST_TYPE;
            case TEXT, LIST, NUMBER -> ProviderConfigProperty.STRING_TYPE;
        };
    }

    /**
     * The attribute values after this save, by key ({@code null}: unset): the entered value for each field the
     * admin changed, the current attribute for the others. A field counts as changed when it differs from the
     * stored form ({@code previous}); on the first save, when it is set and differs from both the attribute and
     * the default. Refuses the save with every problem of the changed values.
     */
    public Map<String, String> resolve(ComponentModel entered, ComponentModel previous, Map<String, String> attributes)
            throws ComponentValidationException {
        Map<String, String> changed = new LinkedHashMap<>();
        Map<String, String> result = new LinkedHashMap<>();
        for (Setting setting : settings) {
            String value = trimmed(entered.get(field(setting)));
            String current = trimmed(attributes.get(setting.key()));
            boolean isChange = previous != null
                    ? !Objects.equals(value, trimmed(previous.get(field(setting))))
                    : value != null && !value.equals(current) && !value.equals(setting.defaultText());
            if (isChange) {
                changed.put(setting.key(), value);
            }
            result.put(setting.key(), isChange ? value : attributes.get(setting.key()));
        }
        List<String> problems = validation.apply(changed);
        if (!problems.isEmpty()) {
            throw new ComponentValidationException(String.join("; ", problems));
        }
        return result;
    }

    /** Makes the stored form show {@code values}; an unset value leaves the field empty (the default). */
    public void store(ComponentModel model, Map<String, String> values) {
        for (Setting setting : settings) {
            String value = values.get(setting.key());
            if (value == null || value.isBlank()) {
                model.getConfig().remove(field(setting));
            } else {
                model.put(field(setting), value);
            }
        }
    }

    /** The attribute values the stored form holds ({@code null}: unset). */
    public Map<String, String> stored(ComponentModel model) {
        Map<String, String> values = new LinkedHashMap<>();
        for (Setting setting : settings) {
            values.put(setting.key(), trimmed(model.get(field(setting))));
        }
        return values;
    }

    private static String trimmed(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
