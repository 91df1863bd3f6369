package io.github.smartonkeycloak.client.assertion;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.github.smartonkeycloak.core.client.ClientAssertionRules;
import org.keycloak.representations.idm.ClientPolicyExecutorConfigurationRepresentation;

/** The executor's settings in a client profile; unset values take the SMART defaults. */
public class SmartClientAssertionConfig extends ClientPolicyExecutorConfigurationRepresentation {

    public static final String MAX_LIFETIME = "max-lifetime";
    public static final String AUTO_CONFIGURE = "auto-configure";

    @JsonProperty(MAX_LIFETIME)
    private Integer maxLifetime;

    @JsonProperty(AUTO_CONFIGURE)
    private Boolean autoConfigure;

    /**
     * Longest {@code exp - now} of an assertion, in seconds, and the lifetime set on clients without one; unset, zero
     * or negative (which would refuse every assertion) mean the SMART default.
     */
    @JsonIgnore
    public int getMaxLifetimeSeconds() {
        return maxLifetime == null || maxLifetime <= 0 ? ClientAssertionRules.DEFAULT_MAX_LIFETIME_SECONDS : maxLifetime;
    }

    /** Whether clients registered or updated without {@code token.endpoint.auth.signing.max.exp} get it. */
    @JsonIgnore
    public boolean isAutoConfigure() {
        return autoConfigure == null || autoConfigure;
    }

    public void setMaxLifetime(Integer maxLifetime) {
        this.maxLifetime = maxLifetime;
    }

    public void setAutoConfigure(Boolean autoConfigure) {
        this.autoConfigure = autoConfigure;
    }
}
