package io.github.smartonkeycloak.core.scope;

import java.util.Optional;

/**
 * An immutable set of {@link Permission}s, kept as a bit mask so that the algebra allocates nothing. v1 names map to
 * v2 sets: {@code read} = {@code rs}, {@code write} = {@code cud}, {@code *} = {@code cruds}.
 */
public final class Permissions {

    private static final int ALL_BITS = 0b11111;
    private static final Permissions[] BY_BITS = new Permissions[ALL_BITS + 1];

    static {
        for (int bits = 0; bits <= ALL_BITS; bits++) {
            BY_BITS[bits] = new Permissions(bits);
        }
    }

    public static final Permissions NONE = BY_BITS[0];
    public static final Permissions V1_READ = of(Permission.READ, Permission.SEARCH);
    public static final Permissions V1_WRITE = of(Permission.CREATE, Permission.UPDATE, Permission.DELETE);
    public static final Permissions ALL = BY_BITS[ALL_BITS];

    private final int bits;
    private final String v2;

    private Permissions(int bits) {
        this.bits = bits;
        StringBuilder letters = new StringBuilder(5);
        for (Permission permission : Permission.values()) {
            if ((bits & permission.bit()) != 0) {
                letters.append(permission.letter());
            }
        }
        this.v2 = letters.toString();
    }

    public static Permissions of(Permission... permissions) {
        int bits = 0;
        for (Permission permission : permissions) {
            bits |= permission.bit();
        }
        return BY_BITS[bits];
    }

    static Permissions ofBits(int bits) {
        return BY_BITS[bits & ALL_BITS];
    }

    int bits() {
        return bits;
    }

    public boolean contains(Permission permission) {
        return (bits & permission.bit()) != 0;
    }

    public boolean containsAll(Permissions other) {
        return (bits & other.bits) == other.bits;
    }

    public Permissions intersect(Permissions other) {
        return BY_BITS[bits & other.bits];
    }

    public boolean isEmpty() {
        return bits == 0;
    }

    /** The v2 letters in grammar order, e.g. {@code rs}. */
    public String v2() {
        return v2;
    }

    /** The v1 name, where these permissions have one. */
    public Optional<String> v1() {
        if (this == ALL) {
            return Optional.of("*");
        }
        if (this == V1_READ) {
            return Optional.of("read");
        }
        if (this == V1_WRITE) {
            return Optional.of("write");
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return v2;
    }
}
