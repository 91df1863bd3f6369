package io.github.smartonkeycloak.it.realm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.smartonkeycloak.it.support.BrowserlessLogin;
import io.github.smartonkeycloak.it.support.DemoUsers;
import io.github.smartonkeycloak.it.support.Http;
import io.github.smartonkeycloak.it.support.LaunchApi;
import io.github.smartonkeycloak.it.support.Pkce;
import io.github.smartonkeycloak.it.support.SmartAppFlow;
import io.github.smartonkeycloak.it.support.SmartRealm;
import io.github.smartonkeycloak.it.support.SmartServerConfig;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.ClientPolicyExecutorRepresentation;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.injection.LifeCycle;
import org.keycloak.testframework.realm.ManagedRealm;
import org.keycloak.util.JsonSerialization;

/**
 * The demo realm (production realm plus demo overlay) is the whole setup for Inferno: its Inferno clients match the
 * preset files and Inferno's URLs,
 * lifetimes and policies fit SMART, an Inferno client can do a standalone and an EHR launch with it, and every
 * client, flow and client scope the documentation names is in it.
 */
@KeycloakIntegrationTest(config = SmartServerConfig.class)
class RealmExportIT {

    private static final List<String> PRESETS = List.of("g10-demo-preset.json", "smart-stu2-2-demo-preset.json",
            "g10-v8-smart-2-2-us-core-7-demo-preset.json");
    /** Where Inferno answers: hosted, the local Docker install, and the development server on port 4567. */
    private static final List<String> INFERNO_BASES = List.of("https://inferno.healthit.gov/suites/custom",
            "http://localhost/suites/custom", "http://localhost:4567/custom");
    private static final Path REPOSITORY = Path.of("..");

    @InjectRealm(fromJson = SmartRealm.JSON, config = SmartRealm.FreshId.class, lifecycle = LifeCycle.GLOBAL)
    ManagedRealm realm;

    private final DemoUsers users = DemoUsers.load();

    private ClientRepresentation client(String clientId) {
        List<ClientRepresentation> found = realm.admin().clients().findByClientId(clientId);
        assertThat(found).as("client %s in the realm", clientId).hasSize(1);
        return found.get(0);
    }

    private String secret(ClientRepresentation client) {
        return realm.admin().clients().get(client.getId()).getSecret().getValue();
    }

    private static JsonNode preset(String name) {
        try (InputStream in = RealmExportIT.class.getResourceAsStream("/realm-export/inferno/" + name)) {
            assertThat(in).as(name + " on the class path").isNotNull();
            return JsonSerialization.mapper.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every input value of a preset, auth_info inputs flattened to name.field. */
    private static Map<String, String> inputs(JsonNode preset) {
        Map<String, String> values = new java.util.LinkedHashMap<>();
        for (JsonNode input : preset.path("inputs")) {
            JsonNode value = input.path("value");
            if (value.isObject()) {
                value.fields().forEachRemaining(field -> values.put(input.path("name").asText() + "." + field.getKey(),
                        field.getValue().asText()));
            } else {
                values.put(input.path("name").asText(), value.asText());
            }
        }
        return values;
    }

    @Test
    void infernoPresetsNameRealClientsWithTheirSecretsAndTheRealmsUrls() {
        String fhirBase = realm.admin().toRepresentation().getAttributes().get("smart.fhirBaseUrls");
        for (String name : PRESETS) {
            JsonNode preset = preset(name);
            Map<String, String> inputs = inputs(preset);
            assertThat(preset.path("test_suite_id").asText()).isIn("g10_certification", "smart_stu2_2");
            assertThat(inputs.get("url")).as(name).isEqualTo(fhirBase);
            inputs.forEach((input, value) -> {
                if (input.endsWith("client_id")) {
                    ClientRepresentation client = client(value);
                    String secretInput = input.replace("client_id", "client_secret");
                    if (inputs.containsKey(secretInput)) {
                        assertThat(inputs.get(secretInput)).as(name + " " + secretInput).isEqualTo(secret(client));
                    }
                }
                if (input.equals("custom_authorization_header")) {
                    // Inferno's introspection credentials: "Authorization: Basic base64(client_id:secret)" of a real client.
                    assertThat(value).as(name + " " + input).startsWith("Authorization: Basic ");
                    String[] credentials = new String(java.util.Base64.getDecoder().decode(value.substring(21).trim()),
                            java.nio.charset.StandardCharsets.UTF_8).split(":", 2);
                    assertThat(credentials[1]).as(name + " " + input).isEqualTo(secret(client(credentials[0])));
                }
                if (input.endsWith("_url") && value.startsWith("http://localhost:8080")) {
                    assertThat(value).as(name + " " + input).startsWith(realm.getBaseUrl() + "/protocol/openid-connect/");
                }
            });
        }
    }

    @Test
    void infernoClientsAcceptInfernosRedirectUrisAndAsymmetricOnesItsJwksUrls() {
        List<ClientRepresentation> inferno = realm.admin().clients().findAll().stream()
                .filter(client -> client.getClientId().startsWith("inferno-")).toList();
        assertThat(inferno).extracting(ClientRepresentation::getClientId)
                .contains("inferno-standalone", "inferno-ehr", "inferno-public", "inferno-asymmetric-g10-local",
                        "inferno-asymmetric-stu2-2-local", "inferno-asymmetric-g10-hosted", "inferno-backend-g10-local",
                        "inferno-backend-stu2-2-local", "inferno-backend-g10-hosted");
        for (ClientRepresentation client : inferno) {
            if ("client-jwt".equals(client.getClientAuthenticatorType())) {
                assertThat(client.getAttributes()).containsEntry("use.jwks.url", "true")
                        .containsEntry("token.endpoint.auth.signing.max.exp", "300");
                assertThat(client.getAttributes().get("jwks.url"))
                        .matches("(https://inferno\\.healthit\\.gov/suites|http://localhost(:4567)?(/suites)?)/custom/"
                                + "(g10_certification|smart_stu2_2)/\\.well-known/jwks\\.json");
            }
            if (client.getClientId().startsWith("inferno-backend-")) {
                // Backend services only: no user ever signs in to them, so system/ scopes never reach a user.
                assertThat(client.isStandardFlowEnabled()).as(client.getClientId()).isFalse();
                assertThat(client.isServiceAccountsEnabled()).as(client.getClientId()).isTrue();
                assertThat(client.getOptionalClientScopes()).as(client.getClientId()).containsExactly("system/*.rs");
                continue;
            }
            for (String base : INFERNO_BASES) {
                assertThat(client.getRedirectUris()).as(client.getClientId())
                        .contains(base + "/smart/redirect", base + "/smart_stu2_2/redirect");
            }
            assertThat(client.getAttributes()).as(client.getClientId()).containsEntry("pkce.code.challenge.method", "S256");
            // Inferno's limited-access and granular tests need the consent page on every launch.
            assertThat(client.isConsentRequired()).as(client.getClientId()).isTrue();
            assertThat(client.getAttributes()).as(client.getClientId()).containsEntry("smart.consentPrompt", "always");
            assertThat(client.isServiceAccountsEnabled()).as(client.getClientId()).isFalse();
            assertThat(client.getOptionalClientScopes()).as(client.getClientId()).noneMatch(scope -> scope.startsWith("system/"));
        }
        assertThat(client("inferno-ehr").getAttributes()).containsEntry("smart.launchUrl",
                "http://localhost/suites/custom/smart/launch");
    }

    @Test
    void lifetimesPoliciesAndEventsFitSmart() {
        RealmRepresentation representation = realm.admin().toRepresentation();
        assertThat(representation.getAccessTokenLifespan()).isBetween(60, 3600);
        assertThat(representation.getOfflineSessionIdleTimeout()).isGreaterThanOrEqualTo(90 * 24 * 3600);
        // g10 asks for offline access of at least three months, not forever.
        assertThat(representation.getOfflineSessionMaxLifespanEnabled()).isTrue();
        assertThat(representation.getOfflineSessionMaxLifespan()).isGreaterThanOrEqualTo(90 * 24 * 3600);
        assertThat(representation.isEventsEnabled()).isTrue();
        List<String> executors = realm.admin().clientPoliciesProfilesResource().getProfiles(false).getProfiles().stream()
                .filter(profile -> "smart".equals(profile.getName()))
                .flatMap(profile -> profile.getExecutors().stream())
                .map(ClientPolicyExecutorRepresentation::getExecutorProviderId).toList();
        assertThat(executors).containsExactly("pkce-enforcer", "reject-ropc-grant", "reject-implicit-grant",
                "smart-client-assertion", "smart-backend-token", "smart-consent-introspection");
        assertThat(realm.admin().clientPoliciesPoliciesResource().getPolicies().getPolicies())
                .anySatisfy(policy -> {
                    assertThat(policy.isEnabled()).isTrue();
                    assertThat(policy.getProfiles()).contains("smart");
                    assertThat(policy.getConditions()).extracting(condition -> condition.getConditionProviderId())
                            .containsExactly("any-client");
                });
    }

    @Test
    void theInfernoStandaloneClientLaunchesWithTheShippedRealm() {
        String redirect = "http://localhost/suites/custom/smart_stu2_2/redirect";
        Pkce pkce = Pkce.s256();
        Map<String, String> request = new SmartAppFlow(realm.getBaseUrl(), "inferno-standalone")
                .with("redirect_uri", redirect)
                .request("launch/patient openid fhirUser offline_access patient/Patient.rs patient/Observation.rs", pkce);
        Map<String, String> answer = new BrowserlessLogin(realm.getBaseUrl()).authorize(request,
                users.patient().username(), users.patient().password());
        assertThat(answer).containsKey("code").containsEntry("state", request.get("state"));

        Http.Response tokens = Http.plain().postForm(realm.getBaseUrl() + "/protocol/openid-connect/token",
                Map.of("grant_type", "authorization_code", "code", answer.get("code"), "redirect_uri", redirect,
                        "code_verifier", pkce.verifier()),
                "Authorization", Http.basic("inferno-standalone", "inferno-standalone-secret"));
        assertThat(tokens.status()).as(tokens.body()).isEqualTo(200);
        assertThat(tokens.json().path("patient").asText()).isIn(users.patient().patientIds());
        assertThat(tokens.json().path("id_token").asText()).isNotEmpty();
    }

    @Test
    void theInfernoEhrClientLaunchesFromTheEhrWithTheShippedRealm() {
        String redirect = "http://localhost/suites/custom/smart/redirect";
        String launch = new LaunchApi(realm.getBaseUrl()).register(Map.of("client_id", "inferno-ehr",
                "patient", users.patient().patientIds().get(0)));
        Pkce pkce = Pkce.s256();
        Map<String, String> request = new SmartAppFlow(realm.getBaseUrl(), "inferno-ehr")
                .with("redirect_uri", redirect).with("launch", launch)
                .request("launch openid fhirUser offline_access user/*.rs", pkce);
        Map<String, String> answer = new BrowserlessLogin(realm.getBaseUrl()).authorizeByPost(request,
                users.practitioner().username(), users.practitioner().password());
        assertThat(answer).containsKey("code");

        Http.Response tokens = Http.plain().postForm(realm.getBaseUrl() + "/protocol/openid-connect/token",
                Map.of("grant_type", "authorization_code", "code", answer.get("code"), "redirect_uri", redirect,
                        "code_verifier", pkce.verifier()),
                "Authorization", Http.basic("inferno-ehr", "inferno-ehr-secret"));
        assertThat(tokens.status()).as(tokens.body()).isEqualTo(200);
        assertThat(tokens.json().path("patient").asText()).isEqualTo(users.patient().patientIds().get(0));
    }

    /**
     * Every client id ({@code inferno-…}, {@code demo-…}) with its secret where given, flow ({@code smart …}) and
     * SMART client scope the README and docs name in backticks exists in the realm (or names a module folder).
     */
    @Test
    void everyClientFlowAndClientScopeTheDocsNameExists() throws IOException {
        Set<String> named = namesInDocs();
        Set<String> clients = realm.admin().clients().findAll().stream().map(ClientRepresentation::getClientId)
                .collect(Collectors.toSet());
        Set<String> scopes = realm.admin().clientScopes().findAll().stream().map(scope -> scope.getName())
                .collect(Collectors.toSet());
        // The realm's own export lists sub-flows too (smart login, smart forms).
        Set<String> flows = realm.admin().partialExport(false, false).getAuthenticationFlows().stream()
                .map(flow -> flow.getAlias()).collect(Collectors.toSet());
        Set<String> providers = new TreeSet<>();
        realm.admin().flows().getAuthenticatorProviders().forEach(p -> providers.add(String.valueOf(p.get("id"))));
        Set<String> missing = new TreeSet<>();
        for (String name : named) {
            if (name.matches("(inferno|demo)-[a-z0-9-]+-secret")) {
                // A client secret the docs give: the client's secret in the realm.
                String clientId = name.substring(0, name.length() - "-secret".length());
                if (!clients.contains(clientId) || !name.equals(secret(client(clientId)))) {
                    missing.add(name);
                }
                continue;
            }
            boolean clientLike = name.matches("(inferno|demo)-[a-z0-9-]+");
            boolean flowLike = name.matches("smart [a-z ]+") && !name.contains("patient picker") && !name.contains("encounter picker");
            boolean scopeLike = name.matches("smart-(fhir-audience|launch-context|consent-decisions)");
            if ((clientLike && !clients.contains(name) && !isModuleOrFile(name))
                    || (flowLike && !flows.contains(name))
                    || (scopeLike && !scopes.contains(name))) {
                missing.add(name);
            }
        }
        assertThat(named).as("names found in the docs").contains("smart browser", "inferno-standalone", "demo-app",
                "smart-fhir-audience");
        assertThat(missing).as("named in the docs but not in the realm").isEmpty();
        assertThat(providers).contains("smart-patient-picker", "smart-encounter-picker", "smart-consent");
    }

    private static boolean isModuleOrFile(String name) {
        return Files.isDirectory(REPOSITORY.resolve(name));
    }

    private static Set<String> namesInDocs() throws IOException {
        List<Path> files = new ArrayList<>();
        files.add(REPOSITORY.resolve("README.md"));
        try (Stream<Path> docs = Files.walk(REPOSITORY.resolve("docs"))) {
            docs.filter(path -> path.toString().endsWith(".md")).forEach(files::add);
        }
        Pattern code = Pattern.compile("`([^`\\n]+)`");
        Set<String> names = new TreeSet<>();
        for (Path file : files) {
            Matcher matcher = code.matcher(Files.readString(file));
            while (matcher.find()) {
                names.add(matcher.group(1));
            }
        }
        return names;
    }
}
