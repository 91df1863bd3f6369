package io.github.smartonkeycloak.core.scope;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzz tests of the scope engine (docs/security.md, "Fuzzing"). Without {@code JAZZER_FUZZ} they replay the inputs
 * under {@code src/test/resources/.../ScopeFuzzTestInputs/<method>/} as regression tests. Inputs are text, so the
 * seeds stay readable: one scope, a scope parameter, or lines (requested, ceilings, supported types).
 */
@Timeout(10)
class ScopeFuzzTest {

    /**
     * One scope: parsed, or refused with a {@link ScopeSyntaxException} that points inside it. A parsed scope keeps
     * its text; a resource scope renders, in v1 and in v2, to text that parses to an equal scope.
     */
    @FuzzTest
    void parse(byte[] input) {
        String scope = new String(input, UTF_8);
        SmartScope parsed;
        try {
            parsed = SmartScopeParser.parse(scope);
        } catch (ScopeSyntaxException e) {
            assertEquals(scope, e.scope());
            assertTrue(e.position() >= 0 && e.position() <= scope.length(), e::getMessage);
            assertTrue(SmartScopeParser.resourceScope(scope).isEmpty(), () -> "a malformed scope grants: " + scope);
            return;
        }
        assertEquals(scope, parsed.text());
        assertEquals(parsed instanceof ResourceScope, SmartScopeParser.resourceScope(scope).isPresent(), scope);
        if (parsed instanceof ResourceScope resourceScope) {
            for (ScopeSyntax syntax : ScopeSyntax.values()) {
                String rendered = resourceScope.render(syntax);
                ResourceScope again = SmartScopeParser.parseResourceScope(rendered);
                assertEquals(resourceScope, again, () -> scope + " rendered in " + syntax + " as " + rendered);
                assertTrue(resourceScope.covers(again) && again.covers(resourceScope), () -> "covers " + scope);
            }
            assertEquals(resourceScope, resourceScope.writtenIn(ScopeSyntax.V2), scope);
        }
    }

    /**
     * A whole {@code scope} parameter: splitting, the first malformed SMART scope and the granted resource scopes
     * never throw, and agree with parsing each scope alone.
     */
    @FuzzTest
    void scopeParameter(byte[] input) {
        String parameter = new String(input, UTF_8);
        String firstMalformed = null;
        List<ResourceScope> resourceScopes = new ArrayList<>();
        for (String scope : ScopeRequest.of(parameter).names()) {
            assertTrue(!scope.isEmpty() && scope.indexOf(' ') < 0, () -> "split of " + parameter);
            try {
                if (SmartScopeParser.parse(scope) instanceof ResourceScope resourceScope) {
                    resourceScopes.add(resourceScope);
                }
            } catch (ScopeSyntaxException e) {
                if (firstMalformed == null && SmartScopeParser.looksLikeSmart(scope)) {
                    firstMalformed = scope;
                }
            }
        }
        assertEquals(firstMalformed, ScopeRequest.of(parameter).firstMalformed().map(ScopeSyntaxException::scope)
                .orElse(null), parameter);
        assertEquals(Set.copyOf(resourceScopes), Set.copyOf(GrantedScopes.parse(parameter).resourceScopes()), parameter);
    }

    /**
     * Negotiation (line 1: requested scopes, line 2: the client's ceilings, line 3: supported types, blank for R4):
     * every grant is covered by its request and by the ceiling it names, has a supported type, parses back to itself
     * and is granted once; every intersection of a request with a ceiling that has a supported type is covered by a
     * grant; a request is dropped exactly when there is no such intersection. The set intersection stays inside both sides.
     */
    @FuzzTest
    void negotiate(byte[] input) {
        String[] lines = new String(input, UTF_8).split("\n", -1);
        List<ResourceScope> requested = GrantedScopes.parse(lines[0]).resourceScopes();
        List<ResourceScope> ceilings = lines.length > 1 ? GrantedScopes.parse(lines[1]).resourceScopes() : List.of();
        ResourceTypes types = ResourceTypes.parse(lines.length > 2 ? lines[2] : null);

        Negotiation negotiation = new ScopeNegotiator(types).negotiate(requested, ceilings);

        Set<String> texts = new HashSet<>();
        for (Grant grant : negotiation.grants()) {
            ResourceScope granted = grant.granted();
            assertTrue(requested.contains(grant.requested()), () -> "not requested: " + grant);
            assertTrue(grant.requested().covers(granted), () -> "more than requested: " + grant);
            assertTrue(ceilings.get(grant.ceiling()).covers(granted), () -> "more than the ceiling: " + grant);
            assertTrue(types.supports(granted.resourceType()), () -> "unsupported type: " + grant);
            assertEquals(granted, SmartScopeParser.parseResourceScope(grant.text()), grant::toString);
            assertTrue(texts.add(grant.text()), () -> "granted twice: " + grant);
        }
        for (ResourceScope request : requested) {
            boolean allowed = false;
            for (ResourceScope ceiling : ceilings) {
                Optional<ResourceScope> common = request.intersect(ceiling);
                if (common.isPresent() && types.supports(common.get().resourceType())) {
                    allowed = true;
                    assertTrue(negotiation.grants().stream().anyMatch(grant -> grant.granted().covers(common.get())),
                            () -> request + " ∩ " + ceiling + " is not granted");
                }
            }
            assertEquals(!allowed, negotiation.dropped().contains(request), request::toString);
        }
        for (ResourceScope common : ScopeSets.intersect(requested, ceilings)) {
            assertTrue(ScopeSets.covers(requested, common) && ScopeSets.covers(ceilings, common), common::toString);
        }
    }
}
