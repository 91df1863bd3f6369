package io.github.smartonkeycloak.demofhir.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Predicate;

import org.hl7.fhir.r4.model.Resource;

/**
 * The resources of one type, by id. Filled once while the population is generated, then only read. HAPI resources
 * are mutable, so what leaves the store is always a copy: a request can never change the shared data.
 */
public final class ResourceStore<T extends Resource> {

    private final Class<T> type;
    private final Map<String, T> byId = new LinkedHashMap<>();

    ResourceStore(Class<T> type) {
        this.type = type;
    }

    void add(T resource) {
        String id = resource.getIdElement().getIdPart();
        if (id == null || byId.putIfAbsent(id, resource) != null) {
            throw new IllegalStateException("Missing or duplicate id: " + type.getSimpleName() + "/" + id);
        }
    }

    public Class<T> type() {
        return type;
    }

    public int size() {
        return byId.size();
    }

    public Optional<T> read(String id) {
        return Optional.ofNullable(byId.get(id)).map(this::copy);
    }

    /** Copies of the resources that pass {@code filter}, in {@code order}; the filter must not change what it sees. */
    public List<T> search(Predicate<? super T> filter, Comparator<? super T> order) {
        List<T> matches = new ArrayList<>();
        for (T resource : byId.values()) {
            if (filter.test(resource)) {
                matches.add(resource);
            }
        }
        matches.sort(order);
        List<T> copies = new ArrayList<>(matches.size());
        for (T match : matches) {
            copies.add(copy(match));
        }
        return copies;
    }

    /**
     * Hands each stored resource itself, in the order they were generated, to {@code reader}, which builds an index
     * from it: it must neither change a resource nor keep it (what leaves the store is a copy, see {@link #read}).
     */
    public void forEachStored(Consumer<? super T> reader) {
        byId.values().forEach(reader);
    }

    /** Copies of all resources, in the order they were generated. */
    public List<T> all() {
        List<T> copies = new ArrayList<>(byId.size());
        for (T resource : byId.values()) {
            copies.add(copy(resource));
        }
        return Collections.unmodifiableList(copies);
    }

    private T copy(T resource) {
        return type.cast(resource.copy());
    }
}
