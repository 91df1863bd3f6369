package io.github.smartonkeycloak.realm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Lays an overlay over a realm representation: the demo realm is the production realm plus the demo overlay, so
 * demo users, demo clients and their published secrets never live in the file a production install imports.
 * <ul>
 *   <li>objects merge field by field, recursively;</li>
 *   <li>arrays of named objects ({@code clientId}, {@code username}, {@code name}, {@code executor}, {@code alias})
 *       merge entry by entry: an overlay entry with the name of an existing one merges into it, others are
 *       appended;</li>
 *   <li>anything else in the overlay replaces what the realm has; fields starting with {@code _} are comments.</li>
 * </ul>
 * Run by the build ({@code realm-export/pom.xml}): {@code RealmOverlay <realm.json> <overlay.json> <out.json>}.
 */
public final class RealmOverlay {

    private static final List<String> NAME_FIELDS = List.of("clientId", "username", "name", "executor", "alias");
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private RealmOverlay() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            throw new IllegalArgumentException("usage: RealmOverlay <realm.json> <overlay.json> <out.json>");
        }
        JsonNode merged = apply(JSON.readTree(Path.of(args[0]).toFile()), JSON.readTree(Path.of(args[1]).toFile()));
        Path out = Path.of(args[2]);
        Files.createDirectories(out.toAbsolutePath().getParent());
        JSON.writeValue(out.toFile(), merged);
    }

    /** The realm with the overlay laid over it (the realm itself is left unchanged). */
    public static JsonNode apply(JsonNode realm, JsonNode overlay) {
        if (!realm.isObject() || !overlay.isObject()) {
            throw new IllegalArgumentException("a realm and an overlay are JSON objects");
        }
        ObjectNode merged = realm.deepCopy();
        mergeObject(merged, (ObjectNode) overlay);
        return merged;
    }

    private static void mergeObject(ObjectNode target, ObjectNode overlay) {
        for (Iterator<Map.Entry<String, JsonNode>> fields = overlay.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (field.getKey().startsWith("_")) {
                continue;
            }
            JsonNode existing = target.get(field.getKey());
            JsonNode value = field.getValue();
            if (existing instanceof ObjectNode existingObject && value instanceof ObjectNode valueObject) {
                mergeObject(existingObject, valueObject);
            } else if (existing instanceof ArrayNode existingArray && value instanceof ArrayNode valueArray
                    && isNamedArray(valueArray)) {
                mergeNamedArray(existingArray, valueArray);
            } else {
                target.set(field.getKey(), value.deepCopy());
            }
        }
    }

    private static void mergeNamedArray(ArrayNode target, ArrayNode overlay) {
        for (JsonNode entry : overlay) {
            ObjectNode existing = find(target, entry);
            if (existing == null) {
                target.add(entry.deepCopy());
            } else {
                mergeObject(existing, (ObjectNode) entry);
            }
        }
    }

    private static ObjectNode find(ArrayNode array, JsonNode entry) {
        String nameField = nameField(entry);
        for (JsonNode candidate : array) {
            if (candidate.isObject() && candidate.path(nameField).equals(entry.get(nameField))) {
                return (ObjectNode) candidate;
            }
        }
        return null;
    }

    private static boolean isNamedArray(ArrayNode array) {
        for (JsonNode entry : array) {
            if (!entry.isObject() || nameField(entry) == null) {
                return false;
            }
        }
        return !array.isEmpty();
    }

    private static String nameField(JsonNode entry) {
        return NAME_FIELDS.stream().filter(entry::hasNonNull).findFirst().orElse(null);
    }
}
