package io.github.smartonkeycloak.core.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The core is the SMART rules in plain Java. The pom's banned-dependency rule keeps Keycloak off its class path;
 * this test reads the compiled classes, so a Keycloak type reached some other way (or reflection-free copying of a
 * Keycloak-bound library into the core) fails the build too.
 */
class CoreArchitectureTest {

    private static final JavaClasses CORE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.github.smartonkeycloak.core");

    @Test
    void theCoreUsesNoKeycloakAndNoJaxRs() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage(
                        "org.keycloak..", "jakarta.ws.rs..", "org.jboss..", "jakarta.persistence..", "io.quarkus..")
                .check(CORE);
    }

    @Test
    void theCoreUsesOnlyTheJdkJacksonAndItself() {
        classes().should().onlyDependOnClassesThat().resideInAnyPackage(
                        "java..", "javax.crypto..", "com.fasterxml.jackson..", "io.github.smartonkeycloak.core..")
                .check(CORE);
    }

    @Test
    void theImportFindsTheCore() {
        // Guards the two rules above against passing on an empty class set (a wrong package name).
        org.assertj.core.api.Assertions.assertThat(CORE.size()).isGreaterThan(40);
    }
}
