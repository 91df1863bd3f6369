package io.github.smartonkeycloak.launch.ehr;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import io.github.smartonkeycloak.core.launch.LaunchContextJson;
import io.github.smartonkeycloak.core.launch.LaunchRequest;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.SingleUseObjectProvider;

/**
 * Registered launches, in Keycloak's single-use object store (cluster-wide, expiring). A launch id is 256 random
 * bits. The authorization endpoint only looks a launch up ({@link #find}), so a request that is refused there
 * (wrong app, wrong {@code aud}, no PKCE) does not spend it; it is spent once the user is known ({@link #consume}):
 * the first consumer marks it used with {@code putIfAbsent}, the store's atomic operation (the one Keycloak uses
 * against client-assertion replay), so of two concurrent uses exactly one wins.
 */
public final class LaunchStore {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern LAUNCH_ID = Pattern.compile("[A-Za-z0-9_-]{43}");
    private static final String CLIENT_ID = "client_id";
    private static final String CONTEXT = "context";
    private static final String USER = "user";
    private static final String ISS = "iss";

    private final SingleUseObjectProvider store;

    public LaunchStore(KeycloakSession session) {
        this.store = session.singleUseObjects();
    }

    /** Stores the launch; its {@code user} must already be a user id, its {@code iss} a FHIR base URL. */
    public String register(RealmModel realm, LaunchRequest request, int lifespanSeconds) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Map<String, String> notes = new HashMap<>();
        notes.put(CLIENT_ID, request.clientId());
        notes.put(CONTEXT, LaunchContextJson.write(request.context()));
        if (request.user() != null) {
            notes.put(USER, request.user());
        }
        if (request.iss() != null) {
            notes.put(ISS, request.iss());
        }
        store.put(key(realm, id), lifespanSeconds, notes);
        return id;
    }

    /** The launch, if it exists, has not expired and was not used; it stays usable. */
    public Optional<LaunchRequest> find(RealmModel realm, String id) {
        if (!isWellFormed(id)) {
            return Optional.empty();
        }
        String key = key(realm, id);
        if (store.contains(key + ".used")) {
            return Optional.empty();
        }
        return Optional.ofNullable(store.get(key)).map(LaunchStore::launch);
    }

    /** The launch, if it exists, has not expired and was not used before; it cannot be used again. */
    public Optional<LaunchRequest> consume(RealmModel realm, String id, int lifespanSeconds) {
        if (!isWellFormed(id)) {
            return Optional.empty();
        }
        String key = key(realm, id);
        if (!store.putIfAbsent(key + ".used", lifespanSeconds)) {
            return Optional.empty();
        }
        return Optional.ofNullable(store.remove(key)).map(LaunchStore::launch);
    }

    private static LaunchRequest launch(Map<String, String> notes) {
        return new LaunchRequest(notes.get(CLIENT_ID), LaunchContextJson.read(notes.get(CONTEXT)), notes.get(USER),
                notes.get(ISS));
    }

    private static boolean isWellFormed(String id) {
        return id != null && LAUNCH_ID.matcher(id).matches();
    }

    private static String key(RealmModel realm, String id) {
        return "smart-launch:" + realm.getId() + ":" + id;
    }
}
