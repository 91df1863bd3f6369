package io.github.smartonkeycloak.core.scope;

import static io.github.smartonkeycloak.core.scope.Properties.forAll;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

/** Algebraic laws of the scope engine, checked on random scopes (see {@link Properties}). */
class ScopeLawsTest {

    @Test
    void intersectionCommutes() {
        forAll("a ∩ b = b ∩ a", 1, gen -> {
            ResourceScope a = gen.scope();
            ResourceScope b = gen.scope();
            assertThat(a.intersect(b)).as("%s ∩ %s", a, b).isEqualTo(b.intersect(a));
        });
    }

    @Test
    void theIntersectionIsCoveredByBoth() {
        forAll("a covers a ∩ b and b covers a ∩ b", 2, gen -> {
            ResourceScope a = gen.scope();
            ResourceScope b = gen.scope();
            a.intersect(b).ifPresent(common -> {
                assertThat(a.covers(common)).as("%s covers %s", a, common).isTrue();
                assertThat(b.covers(common)).as("%s covers %s", b, common).isTrue();
            });
        });
    }

    @Test
    void theIntersectionIsTheGreatestScopeBothCover() {
        AtomicInteger nonTrivial = new AtomicInteger();
        forAll("x under a and b is under a ∩ b", 3, gen -> {
            ResourceScope x = gen.scope();
            // Widen x twice on purpose, so the premise holds most of the time.
            ResourceScope a = gen.wider(x);
            ResourceScope b = gen.nextBoolean() ? gen.wider(x) : gen.scope();
            if (a.covers(x) && b.covers(x)) {
                nonTrivial.incrementAndGet();
                Optional<ResourceScope> common = a.intersect(b);
                assertThat(common).as("%s ∩ %s", a, b).isPresent();
                assertThat(common.get().covers(x)).as("%s covers %s", common.get(), x).isTrue();
            }
        });
        assertThat(nonTrivial.get()).isGreaterThan(Properties.TRIALS / 3);
    }

    @Test
    void coverageIsTransitive() {
        AtomicInteger chains = new AtomicInteger();
        forAll("a covers b, b covers c => a covers c", 4, gen -> {
            ResourceScope a = gen.scope();
            // Build chains on purpose: b and c are narrowings, so the premise holds often.
            ResourceScope b = a.intersect(gen.scope()).orElse(gen.scope());
            ResourceScope c = b.intersect(gen.scope()).orElse(gen.scope());
            if (a.covers(b) && b.covers(c)) {
                chains.incrementAndGet();
                assertThat(a.covers(c)).as("%s covers %s", a, c).isTrue();
            }
        });
        assertThat(chains.get()).isGreaterThan(1_000);
    }

    @Test
    void coverageIsReflexiveAndAntisymmetric() {
        forAll("a covers a; a covers b and b covers a => a = b", 5, gen -> {
            ResourceScope a = gen.scope();
            ResourceScope b = gen.scope();
            assertThat(a.covers(a)).isTrue();
            if (a.covers(b) && b.covers(a)) {
                assertThat(a).isEqualTo(b);
            }
        });
    }

    @Test
    void coverageMeansTheIntersectionIsTheNarrowerScope() {
        forAll("a covers b <=> a ∩ b = b", 6, gen -> {
            ResourceScope a = gen.scope();
            ResourceScope b = gen.scope();
            assertThat(a.covers(b)).as("%s covers %s", a, b).isEqualTo(a.intersect(b).equals(Optional.of(b)));
        });
    }

    @Test
    void v1AndV2WritingsOfTheSameAccessAreEquivalent() {
        forAll("parse(v1 text) = parse(v2 text)", 7, gen -> {
            ResourceScope a = gen.scope();
            ResourceScope v1 = SmartScopeParser.parseResourceScope(a.render(ScopeSyntax.V1));
            ResourceScope v2 = SmartScopeParser.parseResourceScope(a.render(ScopeSyntax.V2));
            assertThat(v1).isEqualTo(v2).isEqualTo(a);
            assertThat(v1.covers(v2) && v2.covers(v1)).isTrue();
            assertThat(v2.syntax()).isEqualTo(ScopeSyntax.V2);
        });
    }

    @Test
    void renderingRoundTripsThroughTheParser() {
        forAll("parse(text(a)) = a, with the same text", 8, gen -> {
            ResourceScope a = gen.scope();
            ResourceScope again = SmartScopeParser.parseResourceScope(a.text());
            assertThat(again).isEqualTo(a);
            assertThat(again.text()).isEqualTo(a.text());
            assertThat(again.syntax()).isEqualTo(a.syntax());
        });
    }

    @Test
    void aWiderScopePermitsEverythingANarrowerOneDoes() {
        forAll("a covers b, b permits r => a permits r", 9, gen -> {
            ResourceScope a = gen.scope();
            ResourceScope b = a.intersect(gen.scope()).orElse(gen.scope());
            ScopeContext context = gen.context();
            String type = gen.concreteType();
            Interaction interaction = gen.interaction();
            Map<String, List<String>> parameters = gen.parameters();
            if (a.covers(b) && b.permits(context, type, interaction, parameters)) {
                assertThat(a.permits(context, type, interaction, parameters)).as("%s permits what %s does", a, b).isTrue();
            }
        });
    }

    @Test
    void negotiationNeverWidensAndGrantsCoveredRequestsVerbatim() {
        ScopeNegotiator negotiator = new ScopeNegotiator(ResourceTypes.r4());
        forAll("grants are under request and ceiling; covered requests come back as written", 10, gen -> {
            List<ResourceScope> requested = gen.scopes(6);
            List<ResourceScope> ceilings = gen.scopes(4);
            Negotiation negotiation = negotiator.negotiate(requested, ceilings);
            for (Grant grant : negotiation.grants()) {
                assertThat(grant.requested().covers(grant.granted())).as("%s under %s", grant.granted(), grant.requested()).isTrue();
                assertThat(ceilings.get(grant.ceiling()).covers(grant.granted())).isTrue();
                assertThat(SmartScopeParser.parseResourceScope(grant.text())).isEqualTo(grant.granted());
            }
            for (ResourceScope request : requested) {
                if (ScopeSets.covers(ceilings, request)) {
                    assertThat(negotiation.grants()).extracting(Grant::text).contains(request.text());
                }
                boolean overlapsACeiling = ceilings.stream().anyMatch(ceiling -> ceiling.intersect(request).isPresent());
                assertThat(negotiation.dropped().contains(request)).as("%s dropped", request).isEqualTo(!overlapsACeiling);
                if (overlapsACeiling) {
                    assertThat(negotiation.grants()).as("some grant under %s", request)
                            .anyMatch(grant -> request.covers(grant.granted()));
                }
            }
        });
    }

    @Test
    void setIntersectionCommutesAndIsCoveredByBothSets() {
        forAll("I(A, B) ≡ I(B, A), both under A and B", 11, gen -> {
            List<ResourceScope> first = gen.scopes(4);
            List<ResourceScope> second = gen.scopes(4);
            List<ResourceScope> ab = ScopeSets.intersect(first, second);
            List<ResourceScope> ba = ScopeSets.intersect(second, first);
            assertThat(ScopeSets.coversAll(ab, ba) && ScopeSets.coversAll(ba, ab)).as("%s vs %s", ab, ba).isTrue();
            assertThat(ScopeSets.coversAll(first, ab)).isTrue();
            assertThat(ScopeSets.coversAll(second, ab)).isTrue();
        });
    }
}
