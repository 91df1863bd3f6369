package io.github.smartonkeycloak.core.scope;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Constraints behave as a set whatever their size: up to eight they are kept and compared as a list, above that as a
 * hash set. Sizes on both sides of that line give the same answers as {@link java.util.Set}.
 */
class ConstraintsTest {

    private static List<Constraint> distinct(int count) {
        return IntStream.range(0, count).mapToObj(i -> new Constraint("code", "http://loinc.org|" + i)).toList();
    }

    private static List<Constraint> shuffledWithRepeats(List<Constraint> elements, long seed) {
        List<Constraint> copy = new ArrayList<>(elements);
        copy.addAll(elements.subList(0, elements.size() / 2));
        Collections.shuffle(copy, new Random(seed));
        return copy;
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 7, 8, 9, 12, 40})
    void orderAndRepeatsDoNotMatterAndTheHashIsTheSetsHash(int size) {
        List<Constraint> elements = distinct(size);
        Constraints inOrder = Constraints.of(elements);
        Constraints shuffled = Constraints.of(shuffledWithRepeats(elements, size));

        assertThat(shuffled).isEqualTo(inOrder);
        assertThat(shuffled.hashCode()).isEqualTo(inOrder.hashCode()).isEqualTo(new HashSet<>(elements).hashCode());
        assertThat(shuffled.asList()).hasSize(size).containsExactlyInAnyOrderElementsOf(elements);
        assertThat(Constraints.of(elements.subList(0, size - 1))).isNotEqualTo(inOrder);
    }

    @ParameterizedTest
    @ValueSource(ints = {3, 8, 9, 20})
    void aSubsetAcrossTheListAndSetSizesIsFoundBothWays(int size) {
        List<Constraint> elements = distinct(size);
        Constraints all = Constraints.of(elements);
        Constraints few = Constraints.of(elements.get(size - 1), elements.get(0));
        Constraints other = Constraints.of(new Constraint("code", "http://loinc.org|other"), elements.get(0));

        assertThat(few.isSubsetOf(all)).isTrue();
        assertThat(all.isSubsetOf(few)).isFalse();
        assertThat(other.isSubsetOf(all)).isFalse();
        assertThat(Constraints.NONE.isSubsetOf(few)).isTrue();
        assertThat(all.isSubsetOf(Constraints.of(shuffledWithRepeats(elements, 7)))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(ints = {3, 6, 10})
    void aUnionHoldsBothSidesOnceEach(int size) {
        List<Constraint> elements = distinct(size);
        Constraints left = Constraints.of(elements.subList(0, size / 2 + 1));
        Constraints right = Constraints.of(elements.subList(size / 2, size));

        Constraints union = left.union(right);

        assertThat(union).isEqualTo(Constraints.of(elements));
        assertThat(union.asList()).doesNotHaveDuplicates().hasSize(size);
        assertThat(left.isSubsetOf(union)).isTrue();
        assertThat(right.isSubsetOf(union)).isTrue();
    }
}
