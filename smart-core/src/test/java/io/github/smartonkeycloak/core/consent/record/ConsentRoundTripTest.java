package io.github.smartonkeycloak.core.consent.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.smartonkeycloak.core.scope.ResourceScope;
import io.github.smartonkeycloak.core.scope.ScopeRequest;
import io.github.smartonkeycloak.core.scope.ScopeSets;
import org.junit.jupiter.api.Test;

/**
 * Laws of the grant-to-Consent mapping on random grants (see {@link RandomGrants}): what is written is read back, and
 * the record permits exactly what the grant's scopes cover, through the JSON.
 */
class ConsentRoundTripTest {

    private static final int TRIALS = 2_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aGrantReadsBackAsWritten() {
        forAll("parse(toJson(grant)) = grant", 11, gen -> {
            ConsentGrant grant = gen.grant();
            String id = gen.nextInt(3) == 0 ? null : gen.id();
            String status = gen.nextInt(4) == 0 ? "inactive" : "active";
            ConsentRecord record = ConsentResource.parse(ConsentResource.toJson(grant, id, status));

            assertThat(record.id()).isEqualTo(id);
            assertThat(record.status()).isEqualTo(status);
            assertThat(record.isActive()).isEqualTo(status.equals("active"));
            assertThat(record.privacy()).isTrue();
            assertThat(record.patientId()).isEqualTo(grant.patientId());
            assertThat(record.performer()).isEqualTo(grant.performer());
            assertThat(record.provisionType()).isEqualTo(ConsentProvisionType.PERMIT);
            assertThat(record.namesApp(grant.appSystem(), grant.clientId())).isTrue();
            assertThat(record.actors()).containsExactly(grant.appSystem() + "|" + grant.clientId());
            assertThat(record.dateTime()).isEqualTo(grant.dateTime());
            assertThat(record.periodStart()).isEqualTo(grant.dateTime());
            assertThat(record.periodEnd()).isEqualTo(grant.periodEnd());
            assertThat(record.scopes()).containsExactlyInAnyOrderElementsOf(grant.grantedScopes());
            assertThat(record.offline()).isEqualTo(grant.offline());
            assertThat(record.nestedDeny()).isFalse();
        });
    }

    @Test
    void anActiveRecordPermitsItsOwnGrantAndAnInactiveOneWithdrawsIt() {
        forAll("judge(record(grant), grant) = PERMITTED, WITHDRAWN when inactive", 12, gen -> {
            ConsentGrant grant = gen.grant();
            for (String status : List.of("active", "inactive")) {
                ConsentRecord record = ConsentResource.parse(ConsentResource.toJson(grant, "c1", status));
                ConsentVerdict verdict = ConsentJudge.judge(List.of(record), grant.appSystem(), grant.clientId(),
                        grant.grantedScopes(), grant.dateTime());
                assertThat(verdict.kind()).isEqualTo(status.equals("active") ? ConsentVerdictKind.PERMITTED : ConsentVerdictKind.WITHDRAWN);
                assertThat(verdict.recordId()).isEqualTo("c1");
            }
        });
    }

    @Test
    void aRecordPermitsExactlyTheScopesItsGrantCovers() {
        AtomicInteger covered = new AtomicInteger();
        AtomicInteger notCovered = new AtomicInteger();
        forAll("judge(record(grant), {s}) = PERMITTED iff the grant's scopes cover s", 13, gen -> {
            ConsentGrant grant = gen.grant();
            ConsentRecord record = ConsentResource.parse(ConsentResource.toJson(grant, "c1", "active"));
            List<ResourceScope> granted = resourceScopes(grant.grantedScopes());
            for (int i = 0; i < 4; i++) {
                // Half the time a narrowing of a granted scope, so that both outcomes are frequent.
                ResourceScope asked = granted.isEmpty() || gen.nextInt(2) == 0 ? gen.scope()
                        : granted.get(gen.nextInt(granted.size())).intersect(gen.scope()).orElse(gen.scope());
                boolean expected = ScopeSets.covers(granted, asked);
                (expected ? covered : notCovered).incrementAndGet();
                ConsentVerdict verdict = ConsentJudge.judge(List.of(record), grant.appSystem(), grant.clientId(),
                        List.of(asked.text()), grant.dateTime());
                assertThat(verdict.kind()).as("%s asked of %s", asked, grant.grantedScopes())
                        .isEqualTo(expected ? ConsentVerdictKind.PERMITTED : ConsentVerdictKind.WITHDRAWN);
            }
        });
        // Both sides of the law must be exercised, or the test proves little.
        assertThat(covered.get()).isGreaterThan(TRIALS / 4);
        assertThat(notCovered.get()).isGreaterThan(TRIALS / 4);
    }

    @Test
    void removingANestedProvisionWithdrawsTheScopesOnlyItCovered() {
        AtomicInteger withdrawn = new AtomicInteger();
        forAll("a record without the provision of type T permits s of T iff the other provisions cover s", 14, gen -> {
            ConsentGrant grant = gen.grant();
            ObjectNode consent = (ObjectNode) tree(ConsentResource.toJson(grant, "c1", "active"));
            if (!(consent.path("provision").path("provision") instanceof ArrayNode nested)) {
                return;
            }
            JsonNode removed = nested.remove(gen.nextInt(nested.size()));
            List<String> removedScopes = ScopeProvisions.grantedScopes(removed);
            List<ResourceScope> remaining = new ArrayList<>(resourceScopes(grant.grantedScopes()));
            remaining.removeAll(resourceScopes(removedScopes));
            ConsentRecord record = ConsentResource.parse(consent.toString());
            for (String scope : removedScopes) {
                boolean expected = ScopeSets.covers(remaining, resourceScopes(List.of(scope)).get(0));
                if (!expected) {
                    withdrawn.incrementAndGet();
                }
                assertThat(record.covers(List.of(scope))).as("%s after removing its provision", scope).isEqualTo(expected);
            }
        });
        assertThat(withdrawn.get()).isGreaterThan(TRIALS / 4);
    }

    private static List<ResourceScope> resourceScopes(List<String> scopes) {
        return ScopeRequest.of(String.join(" ", scopes)).resourceScopes();
    }

    private static JsonNode tree(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** As the scope laws do: many random cases from a fixed seed, a failure names the seed and the case. */
    private static void forAll(String law, long seed, Consumer<RandomGrants> check) {
        RandomGrants gen = new RandomGrants(new Random(seed));
        for (int trial = 0; trial < TRIALS; trial++) {
            try {
                check.accept(gen);
            } catch (AssertionError failure) {
                throw new AssertionError(law + " failed on case " + trial + " (seed " + seed + "): " + failure.getMessage(), failure);
            }
        }
    }
}
