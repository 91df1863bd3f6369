package io.github.smartonkeycloak.common;

import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;

import org.keycloak.models.RealmModel;
import org.keycloak.services.Urls;

/**
 * Realm issuer URLs ({@link Urls#realmIssuer}) by base URI and realm name. Keycloak's URL builder reads its resource
 * annotations on every call, a measurable part of each token request (JFR), and the answer never changes for the same
 * two inputs. Bounded: the base URI comes from the request's Host header, so past {@value #MAX_ENTRIES} entries new
 * ones are built each time and not kept.
 */
public final class RealmIssuers {

    static final int MAX_ENTRIES = 64;
    private static final Map<String, String> ISSUERS = new ConcurrentHashMap<>();

    private RealmIssuers() {
    }

    public static String of(URI baseUri, RealmModel realm) {
        return of(baseUri, realm.getName(), Urls::realmIssuer);
    }

    /** For tests: starts again with none kept. */
    static void forgetAll() {
        ISSUERS.clear();
    }

    static String of(URI baseUri, String realmName, BiFunction<URI, String, String> build) {
        String key = baseUri + "\n" + realmName;
        String issuer = ISSUERS.get(key);
        if (issuer == null) {
            issuer = build.apply(baseUri, realmName);
            if (ISSUERS.size() < MAX_ENTRIES) {
                ISSUERS.put(key, issuer);
            }
        }
        return issuer;
    }
}
