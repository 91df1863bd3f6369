package io.github.smartonkeycloak.it.launch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.security.Signature;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.smartonkeycloak.capability.SmartCapability;
import io.github.smartonkeycloak.it.support.Http;
import io.github.smartonkeycloak.it.support.Jwt;
import io.github.smartonkeycloak.it.support.Proves;
import io.github.smartonkeycloak.it.support.SmartAppFlow;
import io.github.smartonkeycloak.it.support.SmartServerConfig;
import io.github.smartonkeycloak.it.support.TokenEndpoint;
import org.junit.jupiter.api.Test;
import org.keycloak.jose.jwk.JSONWebKeySet;
import org.keycloak.jose.jwk.JWK;
import org.keycloak.jose.jwk.JWKParser;
import org.keycloak.jose.jws.JWSInput;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.util.JsonSerialization;

/**
 * What Inferno checks of OpenID Connect after an EHR launch: the issuer's configuration, an RS256 ID token with
 * {@code fhirUser} and a key from the realm's JWKS, token responses that are not cached.
 */
@KeycloakIntegrationTest(config = SmartServerConfig.class)
class OpenIdConnectIT extends EhrLaunchBase {

    /** Inferno T3: token responses must not be cached. */
    @Test
    void tokenResponsesAreNotCached() {
        SmartAppFlow flow = app(launch(FULL_CONTEXT));
        SmartAppFlow.Authorization authorization = flow.authorize(EHR_SCOPE, users.practitioner());

        Http.Response token = new TokenEndpoint(realm.getBaseUrl()).exchangeCodeAsPublicClient(
                authorization.redirect().get("code"), authorization.pkce(), APP);

        assertThat(token.status()).isEqualTo(200);
        assertThat(token.header("Cache-Control")).hasValueSatisfying(value -> assertThat(value).contains("no-store"));
        assertThat(token.header("Pragma")).hasValueSatisfying(value -> assertThat(value).contains("no-cache"));
    }

    /** Inferno O2 and O3: the issuer's OpenID configuration has the required fields and RS256. */
    @Test
    void theIssuersOpenIdConfigurationHasWhatInfernoRequires() {
        JsonNode config = Http.plain().get(realm.getBaseUrl() + "/.well-known/openid-configuration").json();

        for (String field : List.of("issuer", "authorization_endpoint", "token_endpoint", "jwks_uri",
                "response_types_supported", "subject_types_supported", "id_token_signing_alg_values_supported")) {
            assertThat(config.has(field)).as(field).isTrue();
        }
        assertThat(config.path("id_token_signing_alg_values_supported").toString()).contains("\"RS256\"");
    }

    @Test
    @Proves(SmartCapability.SSO_OPENID_CONNECT)
    void theIdTokenCarriesFhirUserAndIsSignedRs256WithAKidFromTheRealmsJwks() throws Exception {
        JsonNode tokens = app(launch(FULL_CONTEXT)).tokens(EHR_SCOPE, users.practitioner());
        String idToken = tokens.path("id_token").asText();

        JsonNode header = Jwt.header(idToken);
        assertThat(header.path("alg").asText()).isEqualTo("RS256");
        JSONWebKeySet jwks = JsonSerialization.readValue(
                Http.plain().get(realm.getBaseUrl() + "/protocol/openid-connect/certs").body(), JSONWebKeySet.class);
        JWK key = java.util.Arrays.stream(jwks.getKeys()).filter(k -> header.path("kid").asText().equals(k.getKeyId()))
                .findFirst().orElseThrow(() -> new AssertionError("kid not in the realm's JWKS"));
        PublicKey publicKey = JWKParser.create(key).toPublicKey();
        JWSInput jws = new JWSInput(idToken);
        Signature verifier = Signature.getInstance("SHA256withRSA");
        verifier.initVerify(publicKey);
        verifier.update(jws.getEncodedSignatureInput().getBytes(StandardCharsets.US_ASCII));
        assertThat(verifier.verify(jws.getSignature())).isTrue();

        JsonNode claims = Jwt.payload(idToken);
        assertThat(claims.path("fhirUser").asText()).isEqualTo(users.practitioner().fhirUser());
        assertThat(claims.path("iss").asText()).isEqualTo(realm.getBaseUrl());
        assertThat(claims.path("aud").toString()).contains(APP);
    }
}
