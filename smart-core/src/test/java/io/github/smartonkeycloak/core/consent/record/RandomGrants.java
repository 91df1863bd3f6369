package io.github.smartonkeycloak.core.consent.record;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import io.github.smartonkeycloak.core.scope.Constraint;
import io.github.smartonkeycloak.core.scope.Constraints;
import io.github.smartonkeycloak.core.scope.Permission;
import io.github.smartonkeycloak.core.scope.Permissions;
import io.github.smartonkeycloak.core.scope.ResourceScope;
import io.github.smartonkeycloak.core.scope.ScopeContext;
import io.github.smartonkeycloak.core.scope.ScopeSyntax;

/**
 * Random SMART grants from a small universe (wildcards, v1 and v2 syntax, granular categories, launch and identity
 * scopes), so that random grants and scopes often cover or miss each other. Every resource scope is rendered by the
 * scope engine, as the consent page's scopes are.
 */
final class RandomGrants {

    static final String APP_SYSTEM = "https://kc.example/realms/smart/clients";
    private static final String[] TYPES = {"*", "Observation", "Condition", "Patient", "DocumentReference"};
    private static final Constraint[] CONSTRAINTS = {
            new Constraint("category", "http://terminology.hl7.org/CodeSystem/observation-category|laboratory"),
            new Constraint("category", "http://terminology.hl7.org/CodeSystem/observation-category|vital-signs"),
            new Constraint("code", "http://loinc.org|2339-0"),
            new Constraint("category", "http://hl7.org/fhir/us/core/CodeSystem/us-core-category|sdoh")};
    private static final String[] OTHER_SCOPES = {"openid", "fhirUser", "launch/patient", "launch", "profile"};
    private static final String[] PERFORMER_TYPES = {"Patient", "Practitioner", "RelatedPerson"};
    private static final String ID_CHARACTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-.";
    private static final Instant EPOCH = Instant.parse("2020-01-01T00:00:00Z");

    private final Random random;

    RandomGrants(Random random) {
        this.random = random;
    }

    ConsentGrant grant() {
        Set<String> scopes = new LinkedHashSet<>();
        for (String other : OTHER_SCOPES) {
            if (random.nextInt(3) == 0) {
                scopes.add(other);
            }
        }
        boolean offline = random.nextBoolean();
        scopes.add(offline ? ConsentRecord.OFFLINE_ACCESS : "online_access");
        int resourceScopes = random.nextInt(5);
        for (int i = 0; i < resourceScopes; i++) {
            scopes.add(scope().text());
        }
        Instant dateTime = EPOCH.plusMillis(random.nextInt(Integer.MAX_VALUE)).plusNanos(random.nextBoolean() ? 0 : random.nextInt(1000));
        Instant periodEnd = random.nextBoolean() ? null : dateTime.plus(Duration.ofMinutes(1 + random.nextInt(1_000_000)));
        String performer = random.nextInt(4) == 0 ? null
                : PERFORMER_TYPES[random.nextInt(PERFORMER_TYPES.length)] + "/" + id();
        return new ConsentGrant(APP_SYSTEM, "app-" + id(), id(), performer, List.copyOf(scopes), offline, dateTime, periodEnd);
    }

    ResourceScope scope() {
        ScopeContext context = random.nextInt(4) == 0 ? ScopeContext.USER : ScopeContext.PATIENT;
        String type = TYPES[random.nextInt(TYPES.length)];
        Permissions permissions = permissions(1 + random.nextInt(31));
        List<Constraint> constraints = new ArrayList<>();
        for (Constraint constraint : CONSTRAINTS) {
            if (random.nextInt(4) == 0) {
                constraints.add(constraint);
            }
        }
        ScopeSyntax syntax = random.nextBoolean() ? ScopeSyntax.V1 : ScopeSyntax.V2;
        return ResourceScope.of(context, type, permissions, Constraints.of(constraints), syntax);
    }

    int nextInt(int bound) {
        return random.nextInt(bound);
    }

    private static Permissions permissions(int bits) {
        List<Permission> chosen = new ArrayList<>();
        for (Permission permission : Permission.values()) {
            if ((bits & 1 << permission.ordinal()) != 0) {
                chosen.add(permission);
            }
        }
        return Permissions.of(chosen.toArray(Permission[]::new));
    }

    /** A FHIR id: 1 to 64 of {@code [A-Za-z0-9-.]}. */
    String id() {
        int length = 1 + (random.nextInt(8) == 0 ? random.nextInt(64) : random.nextInt(8));
        StringBuilder id = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            id.append(ID_CHARACTERS.charAt(random.nextInt(ID_CHARACTERS.length())));
        }
        return id.toString();
    }
}
