package io.github.smartonkeycloak.demofhir.index;

import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;

/**
 * An inverted index: each term, in sorted order, with the positions (ascending, no repeats) of the patients that have
 * it. Exact look-up and prefix ranges are binary searches; anything else looks at each distinct term once.
 */
final class TermIndex {

    private static final int[] NONE = {};

    private final String[] terms;
    private final int[][] postings;

    private TermIndex(String[] terms, int[][] postings) {
        this.terms = terms;
        this.postings = postings;
    }

    /** The positions that have exactly this term. */
    int[] exact(String term) {
        int at = Arrays.binarySearch(terms, term);
        return at >= 0 ? postings[at] : NONE;
    }

    /** Sets the positions that have a term starting with {@code prefix}. */
    void startingWith(String prefix, BitSet into) {
        int at = Arrays.binarySearch(terms, prefix);
        for (int i = at >= 0 ? at : -at - 1; i < terms.length && terms[i].startsWith(prefix); i++) {
            set(postings[i], into);
        }
    }

    /** Sets the positions that have a term the test accepts. */
    void matching(Predicate<String> test, BitSet into) {
        for (int i = 0; i < terms.length; i++) {
            if (test.test(terms[i])) {
                set(postings[i], into);
            }
        }
    }

    static void set(int[] positions, BitSet into) {
        for (int position : positions) {
            into.set(position);
        }
    }

    /** Collects (term, position) pairs in any order. */
    static final class Builder {

        private final Map<String, Growing> lists = new HashMap<>();

        void add(String term, int position) {
            if (term != null) {
                lists.computeIfAbsent(term, ignored -> new Growing()).add(position);
            }
        }

        TermIndex build() {
            String[] terms = lists.keySet().toArray(new String[0]);
            Arrays.sort(terms);
            int[][] postings = new int[terms.length][];
            for (int i = 0; i < terms.length; i++) {
                postings[i] = lists.get(terms[i]).sortedDistinct();
            }
            lists.clear();
            return new TermIndex(terms, postings);
        }
    }

    private static final class Growing {

        private int[] values = new int[1];
        private int size;

        void add(int value) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = value;
        }

        int[] sortedDistinct() {
            int[] sorted = Arrays.copyOf(values, size);
            Arrays.sort(sorted);
            return Arrays.stream(sorted).distinct().toArray();
        }
    }
}
