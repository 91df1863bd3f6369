package io.github.smartonkeycloak.cluster.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The demo realm node 1 imports (realm-export's smart-realm-demo.json), with two changes: the demo FHIR server's
 * address ({@code http://localhost:8081}, in {@code smart.fhirBaseUrls} and the demo clients) becomes the test's
 * FHIR server, and the test apps are added. The consent store stays {@code fhir}, as shipped.
 */
public final class ClusterRealm {

    public static final String NAME = "smart";
    /** Where the test apps say they are redirected; the tests stop at that redirect. */
    public static final String REDIRECT_URI = "http://localhost:8089/callback";
    /** A public SMART app with PKCE, no consent page. */
    public static final String APP = "cluster-app";
    /** The same app, asking for consent. */
    public static final String CONSENT_APP = "cluster-consent-app";
    /** Asks for consent like {@link #CONSENT_APP}; only the cross-node consent race uses it, so its first consent is. */
    public static final String CONSENT_RACE_APP = "cluster-consent-race-app";
    /** A backend service authenticating with a client assertion ({@link #BACKEND_KEY}). */
    public static final String BACKEND = "cluster-backend";
    public static final ClientKey BACKEND_KEY = ClientKey.rs384("cluster-backend-key");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> APP_SCOPES = List.of("launch", "launch/patient", "launch/encounter", "fhirUser",
            "offline_access", "online_access", "patient/*.rs", "user/*.rs");

    private ClusterRealm() {
    }

    static void write(String fhirOrigin, Path target) {
        try (InputStream in = ClusterRealm.class.getResourceAsStream("/realm-export/smart-realm-demo.json")) {
            if (in == null) {
                throw new IllegalStateException("realm-export/smart-realm-demo.json is not on the test classpath");
            }
            String json = new String(in.readAllBytes()).replace("http://localhost:8081", fhirOrigin);
            ObjectNode realm = (ObjectNode) JSON.readTree(json);
            ArrayNode clients = (ArrayNode) realm.get("clients");
            clients.add(app(realm, APP, false));
            clients.add(app(realm, CONSENT_APP, true));
            clients.add(app(realm, CONSENT_RACE_APP, true));
            clients.add(backend(realm));
            Files.createDirectories(target.getParent());
            JSON.writerWithDefaultPrettyPrinter().writeValue(target.toFile(), realm);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ObjectNode app(JsonNode realm, String clientId, boolean consentRequired) {
        ObjectNode client = JSON.createObjectNode();
        client.put("clientId", clientId);
        client.put("enabled", true);
        client.put("publicClient", true);
        client.put("standardFlowEnabled", true);
        client.put("directAccessGrantsEnabled", false);
        client.put("consentRequired", consentRequired);
        client.putArray("redirectUris").add(REDIRECT_URI);
        client.putObject("attributes").put("pkce.code.challenge.method", "S256");
        client.set("defaultClientScopes", realm.get("defaultDefaultClientScopes"));
        ArrayNode optional = client.putArray("optionalClientScopes");
        APP_SCOPES.forEach(optional::add);
        return client;
    }

    private static ObjectNode backend(JsonNode realm) {
        ObjectNode client = JSON.createObjectNode();
        client.put("clientId", BACKEND);
        client.put("enabled", true);
        client.put("publicClient", false);
        client.put("clientAuthenticatorType", "client-jwt");
        client.put("serviceAccountsEnabled", true);
        client.put("standardFlowEnabled", false);
        client.put("directAccessGrantsEnabled", false);
        // What the realm's SMART client policy sets on a client an admin creates (an import skips policies):
        // assertions may live 300 s, as SMART Backend Services sends them (exp = now + 300, no iat).
        client.putObject("attributes").put("use.jwks.string", "true").put("jwks.string", ClientKey.jwks(BACKEND_KEY))
                .put("token.endpoint.auth.signing.max.exp", "300");
        client.set("defaultClientScopes", realm.get("defaultDefaultClientScopes"));
        client.putArray("optionalClientScopes").add("system/*.rs");
        return client;
    }
}
