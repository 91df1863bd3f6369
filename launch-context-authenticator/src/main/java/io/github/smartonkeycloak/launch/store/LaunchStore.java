package io.github.smartonkeycloak.launch.store;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import io.github.smartonkeycloak.launch.LaunchContextJson;
import io.github.smartonkeycloak.launch.LaunchRequest;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.SingleUseObjectProvider;

/**
 * Registered launches, in Keycloak's single-use object store (cluster-wide, expiring). A launch id is 256 random
 * bits; it can be consumed once: the first consumer marks it used with {@code putIfAbsent}, the store's atomic
 * operation (the one Keycloak uses against client-assertion replay), so of two concurrent uses exactly one wins.
 */
public final class LaunchStore {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern LAUNCH_ID = Pattern.compile("[A-Za-z0-9_-]{43}");
    private static final String CLIENT_ID = "client_id";
    private static final String CONTEXT = "context";

    private final SingleUseObjectProvider store;

    public LaunchStore(KeycloakSession session) {
        this.store = session.singleUseObjects();
    }

    public String register(RealmModel realm, LaunchRequest request, int lifespanSeconds) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        store.put(key(realm, id), lifespanSeconds,
                Map.of(CLIENT_ID, request.clientId(), CONTEXT, LaunchContextJson.write(request.context())));
        return id;
    }

    /** The launch, if it exists, has not expired and was not used before; it cannot be used again. */
    public Optional<LaunchRequest> consume(RealmModel realm, String id, int lifespanSeconds) {
        if (id == null || !LAUNCH_ID.matcher(id).matches()) {
            return Optional.empty();
        }
        String key = key(realm, id);
        if (!store.putIfAbsent(key + ".used", lifespanSeconds)) {
            return Optional.empty();
        }
        Map<String, String> notes = store.remove(key);
        if (notes == null) {
            return Optional.empty();
        }
        return Optional.of(new LaunchRequest(notes.get(CLIENT_ID), LaunchContextJson.read(notes.get(CONTEXT))));
    }

    private static String key(RealmModel realm, String id) {
        return "smart-launch:" + realm.getId() + ":" + id;
    }
}
