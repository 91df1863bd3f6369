package io.github.smartonkeycloak.demofhir.index;

import java.util.Arrays;
import java.util.BitSet;

import io.github.smartonkeycloak.demofhir.search.DateMatch;

/** Patients by birth day: the positions sorted by day, so a date range is a binary search and a slice. */
final class BirthDateIndex {

    private final long[] days;
    private final int[] positions;

    /** {@code days[i]}: the birth day ({@link java.time.LocalDate#toEpochDay()}) of the patient at {@code positions[i]}. */
    BirthDateIndex(long[] days, int[] positions) {
        Integer[] order = new Integer[days.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Long.compare(days[a], days[b]));
        this.days = new long[days.length];
        this.positions = new int[days.length];
        for (int i = 0; i < order.length; i++) {
            this.days[i] = days[order[i]];
            this.positions[i] = positions[order[i]];
        }
    }

    /** The patients with a birth date the range matches; the slice between its outer bounds is tested day by day. */
    BitSet matching(DateMatch range, int patientCount) {
        BitSet found = new BitSet(patientCount);
        for (int i = firstAtOrAfter(range.lowest()); i < days.length && days[i] <= range.highest(); i++) {
            if (range.matches(days[i])) {
                found.set(positions[i]);
            }
        }
        return found;
    }

    private int firstAtOrAfter(long day) {
        int low = 0;
        int high = days.length;
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (days[middle] < day) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }
}
