package io.github.smartonkeycloak.client.backend;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.keycloak.representations.idm.ClientPolicyExecutorConfigurationRepresentation;

/** The executor's settings in a client profile; unset values take the SMART default. */
public class SmartBackendTokenConfig extends ClientPolicyExecutorConfigurationRepresentation {

    public static final String MAX_LIFESPAN = "max-access-token-lifespan";
    /** SMART Backend Services: access tokens "SHOULD have a lifetime no greater than five minutes". */
    public static final int DEFAULT_MAX_LIFESPAN_SECONDS = 300;

    @JsonProperty(MAX_LIFESPAN)
    private Integer maxLifespan;

    /** Unset, zero or negative (tokens expired when issued) mean the SMART default. */
    @JsonIgnore
    public int getMaxLifespanSeconds() {
        return maxLifespan == null || maxLifespan <= 0 ? DEFAULT_MAX_LIFESPAN_SECONDS : maxLifespan;
    }

    public void setMaxLifespan(Integer maxLifespan) {
        this.maxLifespan = maxLifespan;
    }
}
