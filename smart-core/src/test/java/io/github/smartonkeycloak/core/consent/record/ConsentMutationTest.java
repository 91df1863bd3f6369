package io.github.smartonkeycloak.core.consent.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/**
 * Consents as another system might leave them: valid records with one element replaced by something of another
 * shape. Reading one gives a record or an {@link IllegalArgumentException} whose message does not echo the value, and
 * judging the record never throws.
 */
class ConsentMutationTest {

    private static final int TRIALS = 2_000;
    private static final String MARKER = "Amy Shaw";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    @Test
    void aMutatedConsentIsReadOrRefusedClearly() throws Exception {
        Random random = new Random(21);
        RandomGrants gen = new RandomGrants(random);
        int refused = 0;
        for (int trial = 0; trial < TRIALS; trial++) {
            ConsentGrant grant = gen.grant();
            JsonNode consent = JSON.readTree(ConsentResource.toJson(grant, "c1", "active"));
            List<JsonNode> containers = new ArrayList<>();
            collect(consent, containers);
            JsonNode target = containers.get(random.nextInt(containers.size()));
            replaceOneChild(target, random);
            String mutated = consent.toString();
            try {
                ConsentRecord record = ConsentResource.parse(mutated);
                ConsentVerdict verdict = ConsentJudge.judge(List.of(record), grant.appSystem(), grant.clientId(),
                        grant.grantedScopes(), Instant.now());
                assertThat(verdict.reason()).as("case %d: %s", trial, mutated).doesNotContain(MARKER);
            } catch (IllegalArgumentException e) {
                refused++;
                assertThat(e.getMessage()).as("case %d: %s", trial, mutated).doesNotContain(MARKER).isNotBlank();
            }
        }
        assertThat(refused).as("some mutations must be refused, or the test proves little").isPositive();
    }

    private static void collect(JsonNode node, List<JsonNode> containers) {
        if (node.isContainerNode() && !node.isEmpty()) {
            containers.add(node);
            node.forEach(child -> collect(child, containers));
        }
    }

    private static void replaceOneChild(JsonNode container, Random random) {
        JsonNode replacement = switch (random.nextInt(8)) {
            case 0 -> NODES.nullNode();
            case 1 -> NODES.numberNode(42);
            case 2 -> NODES.textNode(MARKER);
            case 3 -> NODES.arrayNode().add(MARKER);
            case 4 -> NODES.objectNode().put("reference", MARKER);
            case 5 -> NODES.booleanNode(true);
            case 6 -> NODES.textNode("2022-13-45T" + MARKER);
            default -> NODES.textNode("");
        };
        if (container instanceof ArrayNode array) {
            array.set(random.nextInt(array.size()), replacement);
        } else {
            ObjectNode object = (ObjectNode) container;
            List<String> names = new ArrayList<>();
            for (Iterator<Map.Entry<String, JsonNode>> fields = object.fields(); fields.hasNext(); ) {
                names.add(fields.next().getKey());
            }
            object.set(names.get(random.nextInt(names.size())), replacement);
        }
    }
}
