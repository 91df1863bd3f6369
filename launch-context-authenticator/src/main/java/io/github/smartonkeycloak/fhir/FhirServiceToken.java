package io.github.smartonkeycloak.fhir;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;
import org.keycloak.http.simple.SimpleHttp;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.protocol.oidc.OIDCLoginProtocol;
import org.keycloak.protocol.oidc.OIDCLoginProtocolService;
import org.keycloak.services.resources.RealmsResource;
import org.keycloak.urls.UrlType;

/**
 * The pack's own access token for the FHIR server: a client-credentials token of a realm client (the "service
 * credential"), fetched from the realm's token endpoint like any backend service would, and reused until shortly
 * before it expires.
 */
final class FhirServiceToken {

    private static final int RENEW_BEFORE_SECONDS = 30;
    private static final Map<String, CachedToken> CACHE = new ConcurrentHashMap<>();

    private record CachedToken(String value, long expiresAtMillis) {
    }

    private FhirServiceToken() {
    }

    static String get(KeycloakSession session, SimpleHttp http, RealmModel realm, String clientId, String scope) {
        String key = realm.getId() + "/" + clientId;
        CachedToken cached = CACHE.get(key);
        if (cached != null && cached.expiresAtMillis() > System.currentTimeMillis()) {
            return cached.value();
        }
        ClientModel client = realm.getClientByClientId(clientId);
        if (client == null || !client.isEnabled() || client.isPublicClient() || client.getSecret() == null) {
            throw new FhirUnavailableException("the realm has no enabled confidential client '" + clientId
                    + "' to call the FHIR server with");
        }
        String tokenUrl = RealmsResource.protocolUrl(session.getContext().getUri(UrlType.BACKEND))
                .path(OIDCLoginProtocolService.class, "token").build(realm.getName(), OIDCLoginProtocol.LOGIN_PROTOCOL)
                .toString();
        try {
            JsonNode response = http.doPost(tokenUrl).authBasic(clientId, client.getSecret())
                    .param("grant_type", "client_credentials").param("scope", scope).asJson();
            String token = response.path("access_token").asText(null);
            if (token == null) {
                throw new FhirUnavailableException("the realm refused a token to '" + clientId + "': "
                        + response.path("error").asText("no access_token"));
            }
            long lifetime = Math.max(0, response.path("expires_in").asLong(60) - RENEW_BEFORE_SECONDS);
            CACHE.put(key, new CachedToken(token, System.currentTimeMillis() + lifetime * 1000));
            return token;
        } catch (IOException e) {
            throw new FhirUnavailableException("cannot get a token for the FHIR server", e);
        }
    }

    static void forget(RealmModel realm, String clientId) {
        CACHE.remove(realm.getId() + "/" + clientId);
    }
}
