package io.github.smartonkeycloak.core.settings;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.github.smartonkeycloak.core.launch.FhirBaseUrls;
import io.github.smartonkeycloak.core.resourceserver.ProfileAssignments;
import io.github.smartonkeycloak.core.resourceserver.ResourceServerProfile;
import io.github.smartonkeycloak.core.scope.ResourceTypes;
import io.github.smartonkeycloak.core.settings.Setting.Type;
import io.github.smartonkeycloak.core.text.SpaceOrCommaList;

/**
 * Every realm attribute the pack reads, with its default, bound and check ({@link #SETTINGS}), and typed getters
 * over one realm's attributes. Realm attributes travel with the realm export and change through the admin REST API
 * or the console's SMART tab without a restart. The getters never fail: a value out of bounds counts as the bound,
 * an unreadable one as the default; {@link #validate(Map)} is for the places where an admin enters values.
 */
public final class SmartRealmSettings {

    /** The realm's FHIR base URLs, space or comma separated; {@code aud} must name one, EHR launches use the first. */
    public static final String FHIR_BASE_URLS = "smart.fhirBaseUrls";
    /** Resource types the realm's FHIR server supports (space or comma separated); empty means all of FHIR R4. */
    public static final String SUPPORTED_RESOURCE_TYPES = "smart.supportedResourceTypes";
    /** Seconds a registered launch stays usable; default {@value #DEFAULT_LAUNCH_LIFESPAN}. */
    public static final String LAUNCH_LIFESPAN = "smart.launchLifespan";
    /** The confidential realm client whose service account the pack uses to read the FHIR server. */
    public static final String FHIR_SERVICE_CLIENT = "smart.fhirServiceClient";
    /** The style document served at {@code /smart-launch/style} (SMART's smart_style_url), as JSON. */
    public static final String STYLE = "smart.style";
    /** Capabilities not to advertise even where they work, separated by spaces or commas. */
    public static final String WITHHELD_CAPABILITIES = "smart.withheldCapabilities";
    /** {@code false} leaves {@code registration_endpoint} out; dynamic registration is advertised by default. */
    public static final String REGISTRATION_ENDPOINT = "smart.registrationEndpoint";

    /** Where SMART consent records live: {@code keycloak} (Keycloak's consent table) or {@code fhir} (FHIR Consent). */
    public static final String CONSENT_STORE = "smart.consentStore";
    /** Seconds a consent lookup of the {@code fhir} store may be reused; the window a withdrawal can take. */
    public static final String CONSENT_CACHE_SECONDS = "smart.consentCacheSeconds";
    /** Where audit events go: {@code off}, {@code log} (JSON lines in the server log) or {@code fhir} (AuditEvent). */
    public static final String AUDIT_SINK = "smart.auditSink";
    /** Which resource-server profile shapes the tokens for each FHIR base URL ({@link ProfileAssignments}). */
    public static final String RESOURCE_SERVER_PROFILES = "smart.resourceServerProfiles";

    public static final String DEFAULT_FHIR_SERVICE_CLIENT = "smart-fhir-reader";
    public static final String CONSENT_STORE_KEYCLOAK = "keycloak";
    public static final String CONSENT_STORE_FHIR = "fhir";
    public static final int DEFAULT_CONSENT_CACHE_SECONDS = 2;
    public static final int MAX_CONSENT_CACHE_SECONDS = 30;
    public static final String AUDIT_OFF = "off";
    public static final String AUDIT_LOG = "log";
    public static final String AUDIT_FHIR = "fhir";
    public static final int DEFAULT_LAUNCH_LIFESPAN = 300;
    public static final int MIN_LAUNCH_LIFESPAN = 1;
    public static final int MAX_LAUNCH_LIFESPAN = 3600;

    /** SMART's example style; neutral colours that suit the stock login theme. */
    public static final String DEFAULT_STYLE = """
            {"color_background":"#f0f0f0","color_error":"#c9190b","color_highlight":"#0066cc",\
            "color_modal_backdrop":"rgba(0,0,0,0.4)","color_success":"#3e8635","color_text":"#151515",\
            "dim_border_radius":"3px","dim_font_size":"14px","dim_spacing_size":"16px",\
            "font_family_body":"RedHatText, Overpass, helvetica, arial, sans-serif",\
            "font_family_heading":"RedHatDisplay, Overpass, helvetica, arial, sans-serif"}""";

    /** Every realm setting, in the order forms and docs show them. */
    public static final List<Setting> SETTINGS = List.of(
            new Setting(FHIR_BASE_URLS, "FHIR base URLs",
                    "The FHIR servers the realm issues tokens for, separated by spaces or commas. aud must name one;"
                            + " EHR launches and the pickers use the first. Empty: every SMART request is refused.",
                    Type.LIST, "none", null, null, List.of(), Checks::fhirBaseUrls),
            new Setting(RESOURCE_SERVER_PROFILES, "Resource-server profiles",
                    "How the FHIR server at each base URL checks tokens, so access tokens for it take the shape it"
                            + " accepts: <FHIR base URL>=<profile> pairs separated by spaces; profiles: "
                            + String.join(", ", ResourceServerProfile.ids()) + ". A base URL not named: generic.",
                    Type.LIST, "generic for every FHIR base URL", null, null, List.of(), ProfileAssignments::problem),
            new Setting(SUPPORTED_RESOURCE_TYPES, "Supported resource types",
                    "Resource types the FHIR server supports, separated by spaces or commas; scopes for other types"
                            + " are dropped.",
                    Type.LIST, "all FHIR R4 types", null, null, List.of(),
                    Checks.namesIn(ResourceTypes.R4, "a FHIR R4 resource type")),
            new Setting(LAUNCH_LIFESPAN, "Launch lifetime (seconds)",
                    "How long a registered EHR launch stays usable.",
                    Type.NUMBER, String.valueOf(DEFAULT_LAUNCH_LIFESPAN), MIN_LAUNCH_LIFESPAN, MAX_LAUNCH_LIFESPAN,
                    List.of(), Checks.wholeNumber(MIN_LAUNCH_LIFESPAN, MAX_LAUNCH_LIFESPAN)),
            new Setting(FHIR_SERVICE_CLIENT, "FHIR service client",
                    "The confidential client (service accounts on) whose service account reads the FHIR server for"
                            + " the login pages.",
                    Type.TEXT, DEFAULT_FHIR_SERVICE_CLIENT, null, null, List.of(), Checks::name),
            new Setting(STYLE, "Style document",
                    "The JSON object served as the SMART style document (smart_style_url).",
                    Type.LONG_TEXT, "SMART's example style", null, null, List.of(), Checks::jsonObject),
            new Setting(WITHHELD_CAPABILITIES, "Withheld capabilities",
                    "Capabilities never advertised in the discovery document, separated by spaces or commas.",
                    Type.LIST, "none", null, null, List.of(), Checks::names),
            new Setting(REGISTRATION_ENDPOINT, "Advertise registration endpoint",
                    "Off leaves registration_endpoint out of the discovery document (registration itself stays on).",
                    Type.BOOLEAN, "true", null, null, List.of("true", "false"),
                    Checks.oneOf(List.of("true", "false"))),
            new Setting(CONSENT_STORE, "Consent store",
                    "Where SMART consent decisions are recorded and checked: keycloak (Keycloak's own consent) or fhir"
                            + " (FHIR Consent resources on the first FHIR base URL, checked at every token request and"
                            + " introspection).",
                    Type.CHOICE, CONSENT_STORE_KEYCLOAK, null, null, List.of(CONSENT_STORE_KEYCLOAK, CONSENT_STORE_FHIR),
                    Checks.oneOf(List.of(CONSENT_STORE_KEYCLOAK, CONSENT_STORE_FHIR))),
            new Setting(CONSENT_CACHE_SECONDS, "Consent cache (seconds)",
                    "How long a Consent read from the FHIR server is reused. A withdrawal on the FHIR server takes"
                            + " effect within this window; 0 reads it on every request.",
                    Type.NUMBER, String.valueOf(DEFAULT_CONSENT_CACHE_SECONDS), 0, MAX_CONSENT_CACHE_SECONDS, List.of(),
                    Checks.wholeNumber(0, MAX_CONSENT_CACHE_SECONDS)),
            new Setting(AUDIT_SINK, "Audit trail",
                    "Where security events go as FHIR AuditEvent: off, log (JSON lines in the server log) or fhir"
                            + " (the first FHIR base URL).",
                    Type.CHOICE, AUDIT_LOG, null, null, List.of(AUDIT_OFF, AUDIT_LOG, AUDIT_FHIR),
                    Checks.oneOf(List.of(AUDIT_OFF, AUDIT_LOG, AUDIT_FHIR))));

    // Parsed lists by attribute value: the attribute is read on every request, its value rarely changes.
    private static final Map<String, ResourceTypes> PARSED_TYPES = new ConcurrentHashMap<>();
    private static final Map<String, FhirBaseUrls> PARSED_BASE_URLS = new ConcurrentHashMap<>();
    private static final int MAX_CACHED = 64;

    private final Map<String, String> attributes;

    private SmartRealmSettings(Map<String, String> attributes) {
        this.attributes = attributes == null ? Map.of() : attributes;
    }

    public static SmartRealmSettings of(Map<String, String> realmAttributes) {
        return new SmartRealmSettings(realmAttributes);
    }

    /** The setting with this key, if the pack reads it. */
    public static Optional<Setting> setting(String key) {
        return SETTINGS.stream().filter(setting -> setting.key().equals(key)).findFirst();
    }

    /** One readable sentence per value an admin could not mean; keys the pack does not read are ignored. */
    public static List<String> validate(Map<String, String> values) {
        return Settings.problems(SETTINGS, values);
    }

    public FhirBaseUrls fhirBaseUrls() {
        // Read on every SMART request (audience, discovery, scope handling): parsed once per distinct value.
        String value = attributes.get(FHIR_BASE_URLS);
        if (value == null || value.isBlank()) {
            return FhirBaseUrls.parse(value);
        }
        if (PARSED_BASE_URLS.size() > MAX_CACHED) {
            PARSED_BASE_URLS.clear();
        }
        return PARSED_BASE_URLS.computeIfAbsent(value, FhirBaseUrls::parse);
    }

    /**
     * Whether the realm is set up for SMART: it names at least one FHIR base URL. Without one, every SMART request
     * is refused anyway (no {@code aud} can match), so such a realm is left to Keycloak's own scope handling.
     */
    public boolean isSmartRealm() {
        return !fhirBaseUrls().isEmpty();
    }

    public ResourceTypes supportedResourceTypes() {
        String value = attributes.get(SUPPORTED_RESOURCE_TYPES);
        if (value == null || value.isBlank()) {
            return ResourceTypes.r4();
        }
        if (PARSED_TYPES.size() > MAX_CACHED) {
            PARSED_TYPES.clear();
        }
        return PARSED_TYPES.computeIfAbsent(value, ResourceTypes::parse);
    }

    public int launchLifespanSeconds() {
        return wholeNumber(LAUNCH_LIFESPAN, MIN_LAUNCH_LIFESPAN, MAX_LAUNCH_LIFESPAN, DEFAULT_LAUNCH_LIFESPAN);
    }

    public String fhirServiceClient() {
        String client = attributes.get(FHIR_SERVICE_CLIENT);
        return client == null || client.isBlank() ? DEFAULT_FHIR_SERVICE_CLIENT : client.trim();
    }

    public String styleJson() {
        String style = attributes.get(STYLE);
        return style == null || style.isBlank() ? DEFAULT_STYLE : style;
    }

    public Set<String> withheldCapabilities() {
        return Set.copyOf(new LinkedHashSet<>(SpaceOrCommaList.split(attributes.get(WITHHELD_CAPABILITIES))));
    }

    public boolean advertiseRegistrationEndpoint() {
        String value = attributes.get(REGISTRATION_ENDPOINT);
        return value == null || !value.trim().equalsIgnoreCase("false");
    }

    /** {@value #CONSENT_STORE_KEYCLOAK} or {@value #CONSENT_STORE_FHIR}; anything else counts as the default. */
    public String consentStore() {
        String value = attributes.get(CONSENT_STORE);
        return value != null && value.trim().equals(CONSENT_STORE_FHIR) ? CONSENT_STORE_FHIR : CONSENT_STORE_KEYCLOAK;
    }

    public int consentCacheSeconds() {
        return wholeNumber(CONSENT_CACHE_SECONDS, 0, MAX_CONSENT_CACHE_SECONDS, DEFAULT_CONSENT_CACHE_SECONDS);
    }

    /** {@value #AUDIT_OFF}, {@value #AUDIT_LOG} or {@value #AUDIT_FHIR}; anything else counts as the default. */
    public String auditSink() {
        String value = attributes.get(AUDIT_SINK) == null ? "" : attributes.get(AUDIT_SINK).trim();
        return List.of(AUDIT_OFF, AUDIT_FHIR).contains(value) ? value : AUDIT_LOG;
    }

    /** The profile assigned to each FHIR base URL; pairs that do not read are left out. */
    public ProfileAssignments resourceServerProfiles() {
        return ProfileAssignments.parse(attributes.get(RESOURCE_SERVER_PROFILES));
    }

    /** A value below the minimum or unreadable counts as the default; above the maximum, as the maximum. */
    private int wholeNumber(String key, int min, int max, int defaultValue) {
        return Optional.ofNullable(attributes.get(key))
                .map(String::trim)
                .filter(value -> value.matches("\\d{1,6}"))
                .map(Integer::parseInt)
                .filter(number -> number >= min)
                .map(number -> Math.min(number, max))
                .orElse(defaultValue);
    }
}
