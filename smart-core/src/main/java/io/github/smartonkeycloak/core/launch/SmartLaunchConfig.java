package io.github.smartonkeycloak.core.launch;

import java.util.Map;
import java.util.Optional;

/**
 * Realm settings of the launch support (realm attributes: they travel with the realm export and change through the
 * admin REST API without a restart).
 */
public final class SmartLaunchConfig {

    /** The realm's FHIR base URLs, space or comma separated; {@code aud} must name one, EHR launches use the first. */
    public static final String FHIR_BASE_URLS = "smart.fhirBaseUrls";
    /** Seconds a registered launch stays usable; default {@value #DEFAULT_LAUNCH_LIFESPAN}. */
    public static final String LAUNCH_LIFESPAN = "smart.launchLifespan";
    /** The style document served at {@code /smart-launch/style} (SMART's smart_style_url), as JSON. */
    public static final String STYLE = "smart.style";

    /** The confidential realm client whose service account the pack uses to read the FHIR server. */
    public static final String FHIR_SERVICE_CLIENT = "smart.fhirServiceClient";

    public static final String DEFAULT_FHIR_SERVICE_CLIENT = "smart-fhir-reader";
    public static final int DEFAULT_LAUNCH_LIFESPAN = 300;
    static final int MAX_LAUNCH_LIFESPAN = 3600;

    /** SMART's example style; neutral colours that suit the stock login theme. */
    public static final String DEFAULT_STYLE = """
            {"color_background":"#f0f0f0","color_error":"#c9190b","color_highlight":"#0066cc",\
            "color_modal_backdrop":"rgba(0,0,0,0.4)","color_success":"#3e8635","color_text":"#151515",\
            "dim_border_radius":"3px","dim_font_size":"14px","dim_spacing_size":"16px",\
            "font_family_body":"RedHatText, Overpass, helvetica, arial, sans-serif",\
            "font_family_heading":"RedHatDisplay, Overpass, helvetica, arial, sans-serif"}""";

    private final Map<String, String> attributes;

    private SmartLaunchConfig(Map<String, String> attributes) {
        this.attributes = attributes == null ? Map.of() : attributes;
    }

    public static SmartLaunchConfig of(Map<String, String> realmAttributes) {
        return new SmartLaunchConfig(realmAttributes);
    }

    public FhirBaseUrls fhirBaseUrls() {
        return FhirBaseUrls.parse(attributes.get(FHIR_BASE_URLS));
    }

    public int launchLifespanSeconds() {
        return Optional.ofNullable(attributes.get(LAUNCH_LIFESPAN))
                .map(String::trim)
                .filter(value -> value.matches("\\d{1,6}"))
                .map(Integer::parseInt)
                .filter(seconds -> seconds > 0)
                .map(seconds -> Math.min(seconds, MAX_LAUNCH_LIFESPAN))
                .orElse(DEFAULT_LAUNCH_LIFESPAN);
    }

    public String fhirServiceClient() {
        String client = attributes.get(FHIR_SERVICE_CLIENT);
        return client == null || client.isBlank() ? DEFAULT_FHIR_SERVICE_CLIENT : client.trim();
    }

    public String styleJson() {
        String style = attributes.get(STYLE);
        return style == null || style.isBlank() ? DEFAULT_STYLE : style;
    }
}
