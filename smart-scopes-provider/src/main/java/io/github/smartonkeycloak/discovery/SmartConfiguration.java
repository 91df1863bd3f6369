package io.github.smartonkeycloak.discovery;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The SMART App Launch 2.2 discovery document ({@code .well-known/smart-configuration}) as plain data. Field names
 * and order follow the specification's example; absent values are left out rather than sent as {@code null}.
 */
public final class SmartConfiguration {

    /** SMART 2 requires S256 and forbids advertising {@code plain}. */
    public static final List<String> CODE_CHALLENGE_METHODS = List.of("S256");
    public static final List<String> RESPONSE_TYPES = List.of("code");

    private final Map<String, Object> fields;

    private SmartConfiguration(Map<String, Object> fields) {
        this.fields = Collections.unmodifiableMap(fields);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The document in specification order, ready for JSON serialization. */
    public Map<String, Object> asMap() {
        return fields;
    }

    @SuppressWarnings("unchecked")
    public List<String> capabilities() {
        return (List<String>) fields.get("capabilities");
    }

    public static final class Builder {

        private String issuer;
        private String jwksUri;
        private String authorizationEndpoint;
        private String tokenEndpoint;
        private String introspectionEndpoint;
        private String revocationEndpoint;
        private String registrationEndpoint;
        private String managementEndpoint;
        private final Set<String> grantTypes = new LinkedHashSet<>();
        private final Set<String> tokenEndpointAuthMethods = new LinkedHashSet<>();
        private final Set<String> tokenEndpointAuthSigningAlgs = new LinkedHashSet<>();
        private final Set<String> scopes = new LinkedHashSet<>();
        private final Set<String> capabilities = new TreeSet<>();
        private final Set<String> withheldCapabilities = new TreeSet<>();

        private Builder() {
        }

        public Builder issuer(String value) {
            this.issuer = value;
            return this;
        }

        public Builder jwksUri(String value) {
            this.jwksUri = value;
            return this;
        }

        public Builder authorizationEndpoint(String value) {
            this.authorizationEndpoint = value;
            return this;
        }

        public Builder tokenEndpoint(String value) {
            this.tokenEndpoint = value;
            return this;
        }

        public Builder introspectionEndpoint(String value) {
            this.introspectionEndpoint = value;
            return this;
        }

        public Builder revocationEndpoint(String value) {
            this.revocationEndpoint = value;
            return this;
        }

        public Builder registrationEndpoint(String value) {
            this.registrationEndpoint = value;
            return this;
        }

        public Builder managementEndpoint(String value) {
            this.managementEndpoint = value;
            return this;
        }

        public Builder grantTypes(Collection<String> values) {
            grantTypes.addAll(values);
            return this;
        }

        public Builder tokenEndpointAuthMethods(Collection<String> values) {
            tokenEndpointAuthMethods.addAll(values);
            return this;
        }

        public Builder tokenEndpointAuthSigningAlgs(Collection<String> values) {
            tokenEndpointAuthSigningAlgs.addAll(values);
            return this;
        }

        public Builder scopes(Collection<String> values) {
            scopes.addAll(values);
            return this;
        }

        public Builder capabilities(Collection<String> values) {
            capabilities.addAll(values);
            return this;
        }

        /** Capabilities the realm's admin chose not to advertise; they are removed whoever contributed them. */
        public Builder withhold(Collection<String> values) {
            withheldCapabilities.addAll(values);
            return this;
        }

        public SmartConfiguration build() {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("issuer", required("issuer", issuer));
            fields.put("jwks_uri", required("jwks_uri", jwksUri));
            fields.put("authorization_endpoint", required("authorization_endpoint", authorizationEndpoint));
            fields.put("grant_types_supported", List.copyOf(grantTypes));
            fields.put("token_endpoint", required("token_endpoint", tokenEndpoint));
            fields.put("token_endpoint_auth_methods_supported", List.copyOf(tokenEndpointAuthMethods));
            if (!tokenEndpointAuthSigningAlgs.isEmpty()) {
                fields.put("token_endpoint_auth_signing_alg_values_supported", List.copyOf(tokenEndpointAuthSigningAlgs));
            }
            putIfPresent(fields, "registration_endpoint", registrationEndpoint);
            fields.put("scopes_supported", List.copyOf(scopes));
            fields.put("response_types_supported", RESPONSE_TYPES);
            putIfPresent(fields, "management_endpoint", managementEndpoint);
            putIfPresent(fields, "introspection_endpoint", introspectionEndpoint);
            putIfPresent(fields, "revocation_endpoint", revocationEndpoint);
            List<String> advertised = new ArrayList<>(capabilities);
            advertised.removeAll(withheldCapabilities);
            fields.put("capabilities", List.copyOf(advertised));
            fields.put("code_challenge_methods_supported", CODE_CHALLENGE_METHODS);
            return new SmartConfiguration(fields);
        }

        private static String required(String name, String value) {
            return Objects.requireNonNull(value, () -> name + " is required in a SMART configuration");
        }

        private static void putIfPresent(Map<String, Object> fields, String name, String value) {
            if (value != null) {
                fields.put(name, value);
            }
        }
    }
}
