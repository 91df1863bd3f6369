package io.github.smartonkeycloak.core.settings;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.github.smartonkeycloak.core.resourceserver.ResourceServerProfile;
import io.github.smartonkeycloak.core.settings.Setting.Type;

/**
 * Every client attribute the pack reads ({@link #SETTINGS}), and typed getters over one client's attributes. Like
 * the realm settings they travel with the realm export and change without a restart.
 */
public final class SmartClientSettings {

    /** The app's launch URL; clients with one are offered by the demo EHR launcher. */
    public static final String LAUNCH_URL = "smart.launchUrl";
    /** {@value #FHIR_CONTEXT_STRINGS} answers {@code fhirContext} in the SMART 2.0 shape ("Type/id" strings). */
    public static final String FHIR_CONTEXT_FORMAT = "smart.fhirContextFormat";
    /** {@value #CONSENT_ALWAYS} (any case) shows the SMART consent page on every authorization of the client. */
    public static final String CONSENT_PROMPT = "smart.consentPrompt";
    /** The resource-server profile of this client's tokens, whatever FHIR server they name; unset: the server's. */
    public static final String RESOURCE_SERVER_PROFILE = "smart.resourceServerProfile";

    public static final String FHIR_CONTEXT_OBJECTS = "objects";
    public static final String FHIR_CONTEXT_STRINGS = "strings";
    public static final String CONSENT_UNDECIDED = "undecided";
    public static final String CONSENT_ALWAYS = "always";

    /** Every client setting, in the order forms and docs show them. */
    public static final List<Setting> SETTINGS = List.of(
            new Setting(LAUNCH_URL, "Launch URL",
                    "The app's launch URL. The demo EHR launcher offers enabled clients that have one and sends the"
                            + " browser to <launch URL>?iss=…&launch=….",
                    Type.TEXT, "none", null, null, List.of(), Checks::webUrl),
            new Setting(FHIR_CONTEXT_FORMAT, "fhirContext format",
                    "objects: fhirContext entries as SMART 2.2 objects; strings: the SMART 2.0 shape (\"Type/id\""
                            + " strings, entries without a reference left out).",
                    Type.CHOICE, FHIR_CONTEXT_OBJECTS, null, null, List.of(FHIR_CONTEXT_OBJECTS, FHIR_CONTEXT_STRINGS),
                    Checks.oneOf(List.of(FHIR_CONTEXT_OBJECTS, FHIR_CONTEXT_STRINGS))),
            new Setting(CONSENT_PROMPT, "Consent prompt",
                    "undecided: the SMART consent page only when a requested scope has no decision yet; always: on"
                            + " every authorization of this client.",
                    Type.CHOICE, CONSENT_UNDECIDED, null, null, List.of(CONSENT_UNDECIDED, CONSENT_ALWAYS),
                    Checks.oneOf(List.of(CONSENT_UNDECIDED, CONSENT_ALWAYS))),
            new Setting(RESOURCE_SERVER_PROFILE, "Resource-server profile",
                    "The shape of this client's access tokens, for the FHIR server that checks them; unset: the"
                            + " profile the realm assigns to the FHIR base URL the token is for.",
                    Type.CHOICE, "the FHIR server's", null, null, ResourceServerProfile.ids(),
                    Checks.oneOf(ResourceServerProfile.ids())));

    private final Map<String, String> attributes;

    private SmartClientSettings(Map<String, String> attributes) {
        this.attributes = attributes == null ? Map.of() : attributes;
    }

    public static SmartClientSettings of(Map<String, String> clientAttributes) {
        return new SmartClientSettings(clientAttributes);
    }

    /** The setting with this key, if the pack reads it. */
    public static Optional<Setting> setting(String key) {
        return SETTINGS.stream().filter(setting -> setting.key().equals(key)).findFirst();
    }

    /** One readable sentence per value an admin could not mean; keys the pack does not read are ignored. */
    public static List<String> validate(Map<String, String> values) {
        return Settings.problems(SETTINGS, values);
    }

    public Optional<String> launchUrl() {
        String launchUrl = attributes.get(LAUNCH_URL);
        return launchUrl == null || launchUrl.isBlank() ? Optional.empty() : Optional.of(launchUrl.trim());
    }

    public boolean fhirContextAsStrings() {
        return FHIR_CONTEXT_STRINGS.equals(attributes.get(FHIR_CONTEXT_FORMAT));
    }

    /** The client's own profile, if the admin set one. */
    public Optional<ResourceServerProfile> resourceServerProfile() {
        return ResourceServerProfile.ofId(attributes.get(RESOURCE_SERVER_PROFILE));
    }

    public boolean alwaysAskConsent() {
        return CONSENT_ALWAYS.equalsIgnoreCase(attributes.get(CONSENT_PROMPT));
    }
}
