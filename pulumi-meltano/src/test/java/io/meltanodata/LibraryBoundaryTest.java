package io.meltanodata;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The library the layer programs run depends on the Pulumi SDKs and never on the tool. The tool's
 * packages and picocli are not on this module's classpath, so a reference to them does not compile;
 * but the SDK jar itself carries the mock engine ({@code com.pulumi.test}), the Automation API and
 * internal packages, so this test keeps the library off them.
 */
class LibraryBoundaryTest {
    private static final JavaClasses LIBRARY = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.meltanodata");

    @Test
    void libraryUsesNeitherTheToolNorTheSdksTestInternalOrAutomationApi() {
        assertTrue(LIBRARY.size() > 50, "the library's classes were not found: " + LIBRARY.size());
        noClasses().should().dependOnClassesThat().resideInAnyPackage(
                        "io.meltanodata.cli..", "io.meltanodata.preview..", "io.meltanodata.cost..",
                        "io.meltanodata.policy..", "io.meltanodata.lifecycle..",
                        "picocli..", "com.pulumi.test..", "com.pulumi.automation..", "com.pulumi..internal..")
                .because("the tool depends on the library, never the reverse (docs/decisions/0006)")
                .check(LIBRARY);
    }
}
