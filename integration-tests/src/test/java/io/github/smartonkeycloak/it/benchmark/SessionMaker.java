package io.github.smartonkeycloak.it.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.smartonkeycloak.it.support.BrowserlessLogin;
import io.github.smartonkeycloak.it.support.Http;
import io.github.smartonkeycloak.it.support.Pkce;
import io.github.smartonkeycloak.it.support.RealmFixtures;
import io.github.smartonkeycloak.it.support.SmartAppFlow;
import io.github.smartonkeycloak.it.support.TokenEndpoint;
import jakarta.ws.rs.core.Response;
import org.keycloak.representations.idm.PartialImportRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.keycloak.testframework.realm.ManagedRealm;
import org.keycloak.util.JsonSerialization;

/**
 * Makes user sessions the way users do: a fresh browser (no cookies, so a new Keycloak session) signs in through the
 * realm's login pages, and the app exchanges the code. A SMART session is a standalone launch of a public app with
 * {@code launch/patient} and {@code patient/} scopes by a patient user linked to one record, which the pack's picker
 * chooses without asking (its shipped {@code autoSelectSingle}); the token response must carry that patient. A plain
 * session is a confidential OpenID Connect client asking for {@code openid} only.
 */
record SessionMaker(String realmUrl, int users, int threads) {

    static final String SMART_APP = "bench-session-smart";
    static final String PLAIN_APP = "bench-session-plain";
    static final String SMART_SCOPE = "launch/patient openid patient/Patient.rs patient/Observation.rs";
    static final String PATIENT = "amy-shaw";
    static final String PLAIN_SECRET = "bench-session-secret";
    private static final String USER_PREFIX = "bench-session-";
    private static final String PASSWORD = "bench-session-password";
    private static final int IMPORT_BATCH = 250;

    enum Kind { PLAIN, SMART }

    /**
     * The two clients and {@code users} patient users. Their passwords are hashed with one PBKDF2 iteration (the
     * realm's policy while the users are imported): the hash is a cost of signing in, not of the session, and with the
     * default policy it would bound how many sessions two cores can make in the time. Sessions may idle for 10 hours
     * meanwhile, so that none expires during a long run. The settings are restored after the test; the users stay
     * until the realm is removed (it must be the caller's own).
     */
    static SessionMaker setUp(ManagedRealm realm, int users, int threads) {
        RealmFixtures fixtures = new RealmFixtures(realm);
        fixtures.publicClient(SMART_APP, List.of("launch/patient", "patient/*.rs"));
        fixtures.confidentialClient(PLAIN_APP, PLAIN_SECRET, List.of());
        RealmRepresentation representation = realm.admin().toRepresentation();
        String policy = representation.getPasswordPolicy();
        Integer idle = representation.getSsoSessionIdleTimeout();
        Integer lifespan = representation.getSsoSessionMaxLifespan();
        representation.setPasswordPolicy("hashAlgorithm(pbkdf2-sha256) and hashIterations(1)");
        representation.setSsoSessionIdleTimeout(36_000);
        representation.setSsoSessionMaxLifespan(72_000);
        realm.admin().update(representation);
        // The users go with the benchmark's own realm (SessionScaleBenchmark's lifecycle is its class).
        realm.cleanup().add(r -> {
            r.logoutAll();
            RealmRepresentation restore = r.toRepresentation();
            restore.setPasswordPolicy(policy == null ? "" : policy);
            restore.setSsoSessionIdleTimeout(idle);
            restore.setSsoSessionMaxLifespan(lifespan);
            r.update(restore);
        });
        for (int first = 0; first < users; first += IMPORT_BATCH) {
            List<UserRepresentation> batch = new ArrayList<>();
            for (int i = first; i < Math.min(users, first + IMPORT_BATCH); i++) {
                batch.add(patientUser(USER_PREFIX + i));
            }
            PartialImportRepresentation partial = new PartialImportRepresentation();
            partial.setIfResourceExists("SKIP");
            partial.setUsers(batch);
            try (Response imported = realm.admin().partialImport(partial)) {
                assertThat(imported.getStatus()).as("partial import of benchmark users").isEqualTo(200);
            }
        }
        return new SessionMaker(realm.getBaseUrl(), users, threads);
    }

    private static UserRepresentation patientUser(String username) {
        String json = """
                {"username": "%s", "enabled": true, "email": "%s@example.org", "emailVerified": true,
                 "firstName": "Bench", "lastName": "Patient", "realmRoles": ["default-roles-smart", "patient"],
                 "attributes": {"fhirUser": ["Patient/%s"], "patientIds": ["%s"]},
                 "credentials": [{"type": "password", "value": "%s", "temporary": false}]}
                """.formatted(username, username, PATIENT, PATIENT, PASSWORD);
        try {
            return JsonSerialization.readValue(json, UserRepresentation.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Makes {@code count} sessions of this kind, numbered from {@code first} (which picks the user); of SMART
     * sessions of either kind, the tokens of every {@code keepEvery}-th go into {@code kept} as {refresh token, access token}.
     * Returns sessions per second.
     */
    double make(Kind kind, int first, int count, List<String[]> kept, int keepEvery) throws Exception {
        TokenEndpoint[] endpoints = new TokenEndpoint[threads];
        for (int t = 0; t < threads; t++) {
            endpoints[t] = new TokenEndpoint(realmUrl);
        }
        return Rounds.run(threads, count, (thread, i) -> {
            int number = first + i;
            JsonNode tokens = kind == Kind.SMART ? smart(endpoints[thread], number) : plain(endpoints[thread], number);
            if (kept != null && number % keepEvery == 0) {
                synchronized (kept) {
                    kept.add(new String[] {tokens.path("refresh_token").asText(), tokens.path("access_token").asText()});
                }
            }
        });
    }

    private JsonNode smart(TokenEndpoint tokens, int number) {
        Pkce pkce = Pkce.s256();
        Map<String, String> request = new SmartAppFlow(realmUrl, SMART_APP).request(SMART_SCOPE, pkce);
        String code = code(new BrowserlessLogin(realmUrl).authorize(request, USER_PREFIX + number % users, PASSWORD));
        Http.Response response = tokens.exchangeCodeAsPublicClient(code, pkce, SMART_APP);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        JsonNode json = response.json();
        assertThat(json.path("patient").asText()).as("the launch's patient in the token response").isEqualTo(PATIENT);
        return json;
    }

    private JsonNode plain(TokenEndpoint tokens, int number) {
        Pkce pkce = Pkce.s256();
        Map<String, String> request = TokenEndpoint.authorizationRequest(PLAIN_APP, "openid", pkce, "state-1");
        String code = code(new BrowserlessLogin(realmUrl).authorize(request, USER_PREFIX + number % users, PASSWORD));
        Http.Response response = tokens.exchangeCodeWithBasic(code, pkce, PLAIN_APP, PLAIN_SECRET);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        JsonNode json = response.json();
        assertThat(json.has("patient")).as("a plain session has no launch context").isFalse();
        return json;
    }

    private static String code(Map<String, String> redirect) {
        assertThat(redirect).as("redirect to the app").containsKey("code");
        return redirect.get("code");
    }
}
