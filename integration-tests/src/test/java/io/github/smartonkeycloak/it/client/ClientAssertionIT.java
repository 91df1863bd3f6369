package io.github.smartonkeycloak.it.client;

import static io.github.smartonkeycloak.it.support.SmartAppFlow.scopes;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.smartonkeycloak.capability.SmartCapability;
import io.github.smartonkeycloak.it.support.ClientAssertion;
import io.github.smartonkeycloak.it.support.ClientKey;
import io.github.smartonkeycloak.it.support.Http;
import io.github.smartonkeycloak.it.support.JwksServer;
import io.github.smartonkeycloak.it.support.Jwt;
import io.github.smartonkeycloak.it.support.Pkce;
import io.github.smartonkeycloak.it.support.Proves;
import io.github.smartonkeycloak.it.support.RealmFixtures;
import io.github.smartonkeycloak.it.support.SmartRealm;
import io.github.smartonkeycloak.it.support.SmartServerConfig;
import io.github.smartonkeycloak.it.support.TokenEndpoint;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.injection.LifeCycle;
import org.keycloak.testframework.realm.ManagedRealm;

/**
 * Backend services and asymmetric clients: {@code private_key_jwt} with RS384 and ES384 keys, at a JWKS URL served by
 * the test or inline, accepted as SMART and Inferno send them and refused with {@code invalid_client} for every
 * broken assertion. Each test registers its own client, so Keycloak's key cache starts empty for it.
 */
@KeycloakIntegrationTest(config = SmartServerConfig.class)
class ClientAssertionIT {

    private static final String SYSTEM_SCOPES = "system/Patient.rs system/Observation.rs";

    private static JwksServer jwksServer;

    @InjectRealm(fromJson = SmartRealm.JSON, config = SmartRealm.FreshId.class, lifecycle = LifeCycle.GLOBAL)
    ManagedRealm realm;

    @BeforeAll
    static void startJwksServer() {
        jwksServer = new JwksServer();
    }

    @AfterAll
    static void stopJwksServer() {
        jwksServer.close();
    }

    private TokenEndpoint tokenEndpoint() {
        return new TokenEndpoint(realm.getBaseUrl());
    }

    /** A backend client whose keys are at its own JWKS URL on the test's server. */
    private String clientWithJwksUrl(String clientId, ClientKey... keys) {
        jwksServer.serve(keys);
        String url = jwksServer.url(clientId);
        new RealmFixtures(realm).assertionClient(clientId, url, null, List.of("system/*.rs"));
        return url;
    }

    private Http.Response backendRequest(ClientKey key, String clientId, UnaryOperator<ClientAssertion> change) {
        ClientAssertion assertion = change.apply(ClientAssertion.by(key, clientId, tokenEndpoint().tokenUrl()));
        return tokenEndpoint().clientCredentialsWithAssertion(assertion.jwt(), SYSTEM_SCOPES);
    }

    private static void assertInvalidClient(Http.Response response, String descriptionContains) {
        assertThat(response.status()).as(response.body()).isIn(400, 401);
        assertThat(response.json().path("error").asText()).as(response.body()).isEqualTo("invalid_client");
        assertThat(response.json().path("error_description").asText()).as(response.body()).contains(descriptionContains);
    }

    @Test
    @Proves(SmartCapability.CLIENT_CONFIDENTIAL_ASYMMETRIC)
    void rs384AssertionAsInfernoSendsItGetsAShortBackendTokenWithoutRefresh() {
        ClientKey key = ClientKey.rs384("rs-1");
        clientWithJwksUrl("backend-rs384", key);

        Http.Response response = backendRequest(key, "backend-rs384", UnaryOperator.identity());

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        JsonNode tokens = response.json();
        assertThat(tokens.path("token_type").asText()).isEqualToIgnoringCase("bearer");
        assertThat(tokens.path("expires_in").isNumber()).isTrue();
        assertThat(tokens.path("expires_in").asInt()).isBetween(1, 300);
        assertThat(tokens.has("refresh_token")).as("no refresh token for client_credentials").isFalse();
        assertThat(scopes(tokens.path("scope").asText())).contains("system/Patient.rs", "system/Observation.rs");
        JsonNode accessToken = Jwt.payload(tokens.path("access_token").asText());
        assertThat(accessToken.path("exp").asLong() - accessToken.path("iat").asLong()).isLessThanOrEqualTo(300);
        assertThat(response.header("Cache-Control")).hasValue("no-store");
    }

    @Test
    void es384InlineJwksIsAcceptedAndTheClientGotTheSmartAssertionLifetime() {
        ClientKey key = ClientKey.es384("es-1");
        ClientRepresentation client = new RealmFixtures(realm).assertionClient("backend-es384", null, ClientKey.jwks(key),
                List.of("system/*.rs"));
        assertThat(client.getAttributes()).as("set by the realm's client policy when the client was created")
                .containsEntry("token.endpoint.auth.signing.max.exp", "300")
                .containsEntry("pkce.code.challenge.method", "S256");

        Http.Response response = backendRequest(key, "backend-es384", UnaryOperator.identity());

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.json().path("expires_in").asInt()).isBetween(1, 300);
    }

    @Test
    void aJkuEqualToTheRegisteredJwksUrlIsAcceptedAForeignOneRefused() {
        ClientKey key = ClientKey.rs384("rs-jku");
        String url = clientWithJwksUrl("backend-jku", key);

        assertThat(backendRequest(key, "backend-jku", a -> a.header("jku", url)).status()).isEqualTo(200);
        assertInvalidClient(backendRequest(key, "backend-jku", a -> a.header("jku", "https://attacker.example/jwks.json")),
                "jku header does not match");

        // The same rule where the client authenticates to introspect (Keycloak answers policy errors there as
        // invalid_request).
        String foreign = ClientAssertion.by(key, "backend-jku", tokenEndpoint().tokenUrl())
                .header("jku", "https://attacker.example/jwks.json").jwt();
        Http.Response introspection = Http.plain().postForm(tokenEndpoint().tokenUrl() + "/introspect",
                Map.of("token", "x", "client_assertion_type", ClientAssertion.TYPE, "client_assertion", foreign));
        assertThat(introspection.status()).isEqualTo(400);
        assertThat(introspection.json().path("error_description").asText()).contains("jku header does not match");
    }

    @Test
    void aReplayedJtiIsRefused() {
        ClientKey key = ClientKey.rs384("rs-replay");
        clientWithJwksUrl("backend-replay", key);
        String assertion = ClientAssertion.by(key, "backend-replay", tokenEndpoint().tokenUrl()).jwt();

        assertThat(tokenEndpoint().clientCredentialsWithAssertion(assertion, SYSTEM_SCOPES).status()).isEqualTo(200);
        assertInvalidClient(tokenEndpoint().clientCredentialsWithAssertion(assertion, SYSTEM_SCOPES), "reuse");
    }

    @Test
    void expiredTooLongLivedAndJtiLessAssertionsAreRefused() {
        ClientKey key = ClientKey.es384("es-exp");
        clientWithJwksUrl("backend-exp", key);
        long now = Instant.now().getEpochSecond();

        assertInvalidClient(backendRequest(key, "backend-exp", a -> a.expiresIn(-60)), "not active");
        assertInvalidClient(backendRequest(key, "backend-exp", a -> a.expiresIn(600)), "too far in the future");
        assertInvalidClient(backendRequest(key, "backend-exp", a -> a.expiresIn(600).claim("iat", now)),
                "more than 300 seconds in the future");
        assertInvalidClient(backendRequest(key, "backend-exp", a -> a.claim("exp", null)), "exp");
        assertInvalidClient(backendRequest(key, "backend-exp", a -> a.claim("jti", null)), "jti");
        assertThat(backendRequest(key, "backend-exp", a -> a.expiresIn(60).claim("iat", now)).status()).isEqualTo(200);
    }

    /** The same rules wherever a client authenticates with an assertion, here the device authorization endpoint. */
    @Test
    void aTooLongLivedAssertionIsRefusedAtTheDeviceAuthorizationEndpointToo() {
        ClientKey key = ClientKey.es384("es-device");
        clientWithJwksUrl("backend-device", key);
        new RealmFixtures(realm).clientAttribute("backend-device", "oauth2.device.authorization.grant.enabled", "true");
        long now = Instant.now().getEpochSecond();

        assertInvalidClient(deviceAuthorization(key, "backend-device", a -> a.expiresIn(3600).claim("iat", now)),
                "more than 300 seconds in the future");
        Http.Response accepted = deviceAuthorization(key, "backend-device", UnaryOperator.identity());
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(200);
        assertThat(accepted.json().has("device_code")).isTrue();
    }

    private Http.Response deviceAuthorization(ClientKey key, String clientId, UnaryOperator<ClientAssertion> change) {
        String assertion = change.apply(ClientAssertion.by(key, clientId, tokenEndpoint().tokenUrl())).jwt();
        Pkce pkce = Pkce.s256();
        return Http.plain().postForm(realm.getBaseUrl() + "/protocol/openid-connect/auth/device", Map.of("scope", "openid",
                "code_challenge", pkce.challenge(), "code_challenge_method", "S256",
                "client_assertion_type", ClientAssertion.TYPE, "client_assertion", assertion));
    }

    @Test
    void unsignedHmacAndMismatchedAlgorithmsAreRefused() throws Exception {
        ClientKey key = ClientKey.rs384("rs-alg");
        clientWithJwksUrl("backend-alg", key);

        assertInvalidClient(backendRequest(key, "backend-alg", a -> a.header("alg", "none").signature("")), "");
        String hmacSecret = "the-public-modulus-is-no-secret";
        assertInvalidClient(backendRequest(key, "backend-alg", a -> {
            a.header("alg", "HS256");
            return a.signature(hmac(a, hmacSecret));
        }), "");
        assertInvalidClient(backendRequest(key, "backend-alg", a -> a.header("alg", "ES384")), "");
        assertInvalidClient(backendRequest(key, "backend-alg", a -> a.header("alg", "RS256")), "");
    }

    @Test
    void aWrongAudienceABadSignatureAndAnotherClientsKeyAreRefused() {
        ClientKey key = ClientKey.es384("es-sig");
        clientWithJwksUrl("backend-sig", key);

        assertInvalidClient(backendRequest(key, "backend-sig", a -> a.claim("aud", "https://fhir.example/token")), "");
        assertInvalidClient(backendRequest(key, "backend-sig", a -> a.signature(ClientKey.base64Url(new byte[96]))), "");
        ClientKey stranger = ClientKey.es384("es-sig");
        assertInvalidClient(backendRequest(stranger, "backend-sig", UnaryOperator.identity()), "");
        assertThat(backendRequest(key, "backend-sig", UnaryOperator.identity()).status()).isEqualTo(200);
    }

    @Test
    void anUnknownKidIsRefusedAfterTheJwksIsFetchedAgain() {
        ClientKey key = ClientKey.rs384("rs-known");
        clientWithJwksUrl("backend-kid", key);
        assertThat(backendRequest(key, "backend-kid", UnaryOperator.identity()).status()).isEqualTo(200);
        int fetchesBefore = jwksServer.fetches();

        // Keycloak fetches a JWKS again for an unknown kid at most every 10 seconds.
        sleep(Duration.ofSeconds(11));
        ClientKey unknown = ClientKey.rs384("rs-unknown");
        assertInvalidClient(backendRequest(unknown, "backend-kid", UnaryOperator.identity()), "");
        assertThat(jwksServer.fetches()).as("JWKS fetched again for the unknown kid").isEqualTo(fetchesBefore + 1);
    }

    @Test
    void aRotatedKeyIsFoundByFetchingTheJwksAgain() {
        ClientKey first = ClientKey.es384("es-2025");
        clientWithJwksUrl("backend-rotation", first);
        assertThat(backendRequest(first, "backend-rotation", UnaryOperator.identity()).status()).isEqualTo(200);

        ClientKey second = ClientKey.es384("es-2026");
        jwksServer.serve(first, second);
        sleep(Duration.ofSeconds(11));

        assertThat(backendRequest(second, "backend-rotation", UnaryOperator.identity()).status()).isEqualTo(200);
    }

    @Test
    void aJwksUrlThatIsDownGivesInvalidClientAndRecovers() {
        ClientKey key = ClientKey.rs384("rs-down");
        jwksServer.down(true);
        try {
            clientWithJwksUrl("backend-down", key);
            assertInvalidClient(backendRequest(key, "backend-down", UnaryOperator.identity()), "");
        } finally {
            jwksServer.down(false);
        }
        Http.Response recovered = null;
        for (int attempt = 0; attempt < 15; attempt++) {
            recovered = backendRequest(key, "backend-down", UnaryOperator.identity());
            if (recovered.status() == 200) {
                break;
            }
            sleep(Duration.ofSeconds(1));
        }
        assertThat(recovered.status()).as(recovered.body()).isEqualTo(200);
    }

    /** Issue 16 ((g)(10) kit v8): a backend service's token introspects with {@code client_id} and {@code exp}. */
    @Test
    void aBackendTokenIntrospectsWithItsClientIdExpAndScope() {
        ClientKey key = ClientKey.rs384("rs-introspect");
        clientWithJwksUrl("backend-introspect", key);
        Http.Response response = backendRequest(key, "backend-introspect", UnaryOperator.identity());
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        String accessToken = response.json().path("access_token").asText();

        JsonNode introspection = tokenEndpoint().introspect(accessToken, "demo-fhir-server", "demo-fhir-server-secret").json();

        assertThat(introspection.path("active").asBoolean()).as(introspection.toString()).isTrue();
        assertThat(introspection.path("client_id").asText()).isEqualTo("backend-introspect");
        assertThat(introspection.path("exp").asLong()).isEqualTo(Jwt.payload(accessToken).path("exp").asLong())
                .isGreaterThan(System.currentTimeMillis() / 1000);
        assertThat(scopes(introspection.path("scope").asText())).contains("system/Patient.rs", "system/Observation.rs");
    }

    /**
     * Issue 16 ((g)(10) kit v8): a refresh with a bad refresh token by a {@code private_key_jwt} client is the grant's
     * error, 400 {@code invalid_grant}, once the client has authenticated; with a bad assertion it is the client's.
     */
    @Test
    void aBadRefreshTokenFromAnAuthenticatedAssertionClientIsInvalidGrant() {
        ClientKey key = ClientKey.rs384("rs-refresh");
        clientWithJwksUrl("backend-refresh", key);

        Http.Response badToken = tokenEndpoint().post(Map.of("grant_type", "refresh_token", "refresh_token", "not-a-refresh-token",
                "client_assertion_type", ClientAssertion.TYPE,
                "client_assertion", ClientAssertion.by(key, "backend-refresh", tokenEndpoint().tokenUrl()).jwt()));

        assertThat(badToken.status()).as(badToken.body()).isEqualTo(400);
        assertThat(badToken.json().path("error").asText()).isEqualTo("invalid_grant");
        assertThat(badToken.json().path("error_description").asText()).isNotBlank();

        Http.Response badClient = tokenEndpoint().post(Map.of("grant_type", "refresh_token", "refresh_token", "not-a-refresh-token",
                "client_assertion_type", ClientAssertion.TYPE,
                "client_assertion", ClientAssertion.by(ClientKey.rs384("rs-stranger"), "backend-refresh", tokenEndpoint().tokenUrl()).jwt()));
        assertInvalidClient(badClient, "");
    }

    @Test
    void badGrantTypeIsExactly400AndABadAssertionTypeIsRefused() {
        ClientKey key = ClientKey.rs384("rs-grant");
        clientWithJwksUrl("backend-grant", key);
        String assertion = ClientAssertion.by(key, "backend-grant", tokenEndpoint().tokenUrl()).jwt();

        Http.Response badGrant = tokenEndpoint().post(Map.of("scope", SYSTEM_SCOPES, "grant_type", "not_a_grant_type",
                "client_assertion_type", ClientAssertion.TYPE, "client_assertion", assertion));
        assertThat(badGrant.status()).isEqualTo(400);
        assertThat(badGrant.json().path("error").asText()).isEqualTo("unsupported_grant_type");

        Http.Response badType = tokenEndpoint().post(Map.of("scope", SYSTEM_SCOPES, "grant_type", "client_credentials",
                "client_assertion_type", "not_an_assertion_type", "client_assertion", assertion));
        assertThat(badType.status()).isIn(400, 401);
        assertThat(badType.json().path("error").asText()).isEqualTo("invalid_client");
    }

    private static String hmac(ClientAssertion assertion, String secret) {
        try {
            String jwt = assertion.signature("x").jwt();
            String input = jwt.substring(0, jwt.lastIndexOf('.'));
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return ClientKey.base64Url(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
