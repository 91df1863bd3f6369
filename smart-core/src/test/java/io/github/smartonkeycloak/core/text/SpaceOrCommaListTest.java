package io.github.smartonkeycloak.core.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SpaceOrCommaListTest {

    @Test
    void spacesCommasAndNewlinesSeparateAndEmptyItemsVanish() {
        assertThat(SpaceOrCommaList.split(" a, b\tc\n,,d ,")).containsExactly("a", "b", "c", "d");
        assertThat(SpaceOrCommaList.split(", x")).containsExactly("x");
    }

    @Test
    void nothingIsTheEmptyList() {
        assertThat(SpaceOrCommaList.split(null)).isEmpty();
        assertThat(SpaceOrCommaList.split("  ")).isEmpty();
        assertThat(SpaceOrCommaList.split(" , ")).isEmpty();
    }
}
