package io.github.smartonkeycloak.demofhir.search;

import java.time.LocalDate;
import java.time.Year;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import ca.uhn.fhir.rest.param.DateParam;
import ca.uhn.fhir.rest.param.DateRangeParam;
import ca.uhn.fhir.rest.param.ParamPrefixEnum;

/**
 * Date search over a day-precision value such as a birth date. A search value stands for the whole year, month or day
 * it names ({@code birthdate=1985} is all of 1985); prefixes compare the day with that range. Works on calendar dates
 * only, so the JVM's time zone cannot shift a day.
 */
public final class DateMatch {

    private final List<Bound> bounds;

    private DateMatch(List<Bound> bounds) {
        this.bounds = bounds;
    }

    /** True when no range was given, or when {@code day} satisfies every bound of it. */
    public static boolean matches(DateRangeParam range, LocalDate day) {
        return range == null || of(range).matches(day.toEpochDay());
    }

    /** The range read once, for testing many days against it. */
    public static DateMatch of(DateRangeParam range) {
        List<Bound> bounds = new ArrayList<>();
        for (DateParam bound : range.getValuesAsQueryTokens()) {
            bounds.add(Bound.of(bound));
        }
        return new DateMatch(List.copyOf(bounds));
    }

    /** Whether the day ({@link LocalDate#toEpochDay()}) satisfies every bound. */
    public boolean matches(long epochDay) {
        for (Bound bound : bounds) {
            if (!bound.matches(epochDay)) {
                return false;
            }
        }
        return true;
    }

    /** The first day that can match ({@link Long#MIN_VALUE} if unbounded); every matching day is in [lowest, highest]. */
    public long lowest() {
        long lowest = Long.MIN_VALUE;
        for (Bound bound : bounds) {
            lowest = Math.max(lowest, bound.lowest());
        }
        return lowest;
    }

    /** The last day that can match ({@link Long#MAX_VALUE} if unbounded). */
    public long highest() {
        long highest = Long.MAX_VALUE;
        for (Bound bound : bounds) {
            highest = Math.min(highest, bound.highest());
        }
        return highest;
    }

    /** One bound: the first and last day of the year, month or day it names, and its prefix. */
    private record Bound(long first, long last, ParamPrefixEnum prefix) {

        static Bound of(DateParam bound) {
            String text = bound.getValueAsString();
            LocalDate first;
            LocalDate last;
            TemporalPrecisionEnum precision = bound.getPrecision();
            if (precision == TemporalPrecisionEnum.YEAR) {
                Year year = Year.parse(text.substring(0, 4));
                first = year.atDay(1);
                last = year.atMonth(12).atEndOfMonth();
            } else if (precision == TemporalPrecisionEnum.MONTH) {
                YearMonth month = YearMonth.parse(text.substring(0, 7));
                first = month.atDay(1);
                last = month.atEndOfMonth();
            } else {
                first = LocalDate.parse(text.substring(0, 10));
                last = first;
            }
            ParamPrefixEnum prefix = bound.getPrefix() == null ? ParamPrefixEnum.EQUAL : bound.getPrefix();
            return new Bound(first.toEpochDay(), last.toEpochDay(), prefix);
        }

        boolean matches(long day) {
            boolean within = day >= first && day <= last;
            switch (prefix) {
                case NOT_EQUAL:
                    return !within;
                case GREATERTHAN:
                case STARTS_AFTER:
                    return day > last;
                case GREATERTHAN_OR_EQUALS:
                    return day >= first;
                case LESSTHAN:
                case ENDS_BEFORE:
                    return day < first;
                case LESSTHAN_OR_EQUALS:
                    return day <= last;
                case EQUAL:
                case APPROXIMATE:
                default:
                    return within;
            }
        }

        long lowest() {
            switch (prefix) {
                case GREATERTHAN:
                case STARTS_AFTER:
                    return last + 1;
                case GREATERTHAN_OR_EQUALS:
                case EQUAL:
                case APPROXIMATE:
                    return first;
                default:
                    return Long.MIN_VALUE;
            }
        }

        long highest() {
            switch (prefix) {
                case LESSTHAN:
                case ENDS_BEFORE:
                    return first - 1;
                case LESSTHAN_OR_EQUALS:
                case EQUAL:
                case APPROXIMATE:
                    return last;
                default:
                    return Long.MAX_VALUE;
            }
        }
    }
}
