package io.github.smartonkeycloak.core.scope;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ScopeContextTest {

    @Test
    void systemScopesOnlyForAClientOnItsOwnBehalf() {
        assertThat(ScopeContext.SYSTEM.isGrantableTo(true)).isTrue();
        assertThat(ScopeContext.SYSTEM.isGrantableTo(false)).isFalse();
        assertThat(ScopeContext.PATIENT.isGrantableTo(false)).isTrue();
        assertThat(ScopeContext.USER.isGrantableTo(false)).isTrue();
    }
}
