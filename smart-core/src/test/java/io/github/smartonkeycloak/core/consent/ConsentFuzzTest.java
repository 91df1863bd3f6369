package io.github.smartonkeycloak.core.consent;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.smartonkeycloak.core.consent.ConsentMemory.Decision;
import io.github.smartonkeycloak.core.scope.ResourceScope;
import io.github.smartonkeycloak.core.scope.ScopeRequest;
import io.github.smartonkeycloak.core.scope.SmartScopeParser;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzz test of the consent form (docs/security.md, "Fuzzing"); without {@code JAZZER_FUZZ} it replays the inputs under
 * {@code src/test/resources/.../ConsentFuzzTestInputs/consentForm/}. An input is lines of text:
 * <ol>
 * <li>the resource scopes the authorization would grant (space-separated; malformed ones are left out, as the
 * negotiation never grants them);</li>
 * <li>the posted {@code scope} values (space-separated; {@code #n} stands for option n modulo their number);</li>
 * <li>the request's {@code scope} parameter (line 1 when absent);</li>
 * <li>and on: the stored consent entries of the user and app, one per line.</li>
 * </ol>
 */
@Timeout(10)
class ConsentFuzzTest {

    /**
     * A tampered form (a value that was not offered) is refused with an {@link IllegalArgumentException}; otherwise
     * the decision allows only checked options, keeps every checked option covered, splits the options into allowed
     * and declined, and the request keeps exactly the allowed resource scopes. Stored decisions never allow what the
     * user just declined, and replayed they give the same decision (or ask again).
     */
    @FuzzTest
    void consentForm(byte[] input) {
        String[] lines = new String(input, UTF_8).split("\n", -1);
        List<ResourceScope> granted = ScopeRequest.of(lines[0]).names().stream().map(SmartScopeParser::resourceScope)
                .flatMap(Optional::stream).toList();
        ConsentOptions options = ConsentOptions.forGrants(granted);
        List<ConsentOption> all = options.all();
        checkOptions(all);

        List<String> posted = lines.length > 1 ? posted(lines[1], all) : List.of();
        ConsentMemory memory = ConsentMemory.of(Arrays.asList(lines).subList(Math.min(3, lines.length), lines.length));
        options.remembered(memory).ifPresent(remembered -> remembered.allowed().forEach(text ->
                assertEquals(Decision.ALLOWED, memory.decisionOn(option(all, text).scope()), text)));

        Set<String> offered = new HashSet<>();
        all.forEach(option -> offered.add(option.text()));
        ConsentChoice choice;
        try {
            choice = options.choose(posted);
        } catch (IllegalArgumentException e) {
            assertFalse(offered.containsAll(posted), "refused a form of offered values");
            return;
        }
        assertTrue(offered.containsAll(posted), "accepted a value that was not offered");
        checkChoice(all, posted, choice);

        String scopeParameter = lines.length > 2 ? lines[2] : lines[0];
        String narrowed = ScopeRequest.of(scopeParameter).withResourceScopes(choice.allowed()).toParameter();
        Set<String> resourceScopes = new HashSet<>();
        List<String> others = new ArrayList<>();
        for (String scope : ScopeRequest.of(narrowed).names()) {
            if (SmartScopeParser.resourceScope(scope).isPresent()) {
                resourceScopes.add(scope);
            } else {
                others.add(scope);
            }
        }
        assertEquals(Set.copyOf(choice.allowed()), resourceScopes, narrowed);
        assertEquals(ScopeRequest.of(scopeParameter).names().stream()
                .filter(scope -> SmartScopeParser.resourceScope(scope).isEmpty()).toList(), others, narrowed);

        List<String> stored = memory.updatedWith(options, choice);
        stored.forEach(entry -> assertTrue(entry.length() <= ConsentMemory.MAX_ENTRY_LENGTH, entry));
        ConsentMemory next = ConsentMemory.of(stored);
        for (ConsentOption option : all) {
            Decision decision = next.decisionOn(option.scope());
            if (choice.declined().contains(option.text())) {
                assertNotEquals(Decision.ALLOWED, decision, () -> "declined, yet remembered as allowed: " + option.text());
            } else {
                assertNotEquals(Decision.DECLINED, decision, () -> "allowed, yet remembered as declined: " + option.text());
            }
        }
        options.remembered(next).ifPresent(remembered -> {
            assertEquals(Set.copyOf(scopes(all, choice.allowed())), Set.copyOf(scopes(all, remembered.allowed())));
            assertEquals(Set.copyOf(choice.declined()), Set.copyOf(remembered.declined()));
        });
    }

    /** Every option is a well-formed scope; a sub-scope narrows an option that is offered too. */
    private static void checkOptions(List<ConsentOption> all) {
        for (ConsentOption option : all) {
            assertEquals(Optional.of(option.scope()), SmartScopeParser.resourceScope(option.text()), option.text());
            if (option.isSubScope()) {
                ConsentOption parent = option(all, option.parent());
                assertTrue(parent.scope().covers(option.scope()), option.text());
            }
        }
    }

    private static void checkChoice(List<ConsentOption> all, List<String> posted, ConsentChoice choice) {
        assertTrue(posted.containsAll(choice.allowed()), "allowed an unchecked option");
        assertTrue(choice.allowed().stream().noneMatch(choice.declined()::contains), "both allowed and declined");
        List<ResourceScope> allowed = scopes(all, choice.allowed());
        for (String checked : posted) {
            ResourceScope scope = option(all, checked).scope();
            assertTrue(allowed.stream().anyMatch(a -> a.covers(scope)), () -> "checked, yet not allowed: " + checked);
        }
        for (ConsentOption option : all) {
            boolean covered = allowed.stream().anyMatch(a -> a.covers(option.scope()));
            assertEquals(!covered, choice.declined().contains(option.text()), option.text());
        }
    }

    private static List<String> posted(String line, List<ConsentOption> all) {
        List<String> values = new ArrayList<>();
        for (String value : line.split(" ")) {
            if (value.startsWith("#") && !all.isEmpty()) {
                int index = 0;
                for (int i = 1; i < Math.min(value.length(), 4) && value.charAt(i) >= '0' && value.charAt(i) <= '9'; i++) {
                    index = index * 10 + value.charAt(i) - '0';
                }
                values.add(all.get(index % all.size()).text());
            } else if (!value.isEmpty()) {
                values.add(value);
            }
        }
        return values;
    }

    private static ConsentOption option(List<ConsentOption> all, String text) {
        return all.stream().filter(option -> option.text().equals(text)).findFirst()
                .orElseThrow(() -> new AssertionError("not an option: " + text));
    }

    private static List<ResourceScope> scopes(List<ConsentOption> all, List<String> texts) {
        return texts.stream().map(text -> option(all, text).scope()).toList();
    }
}
