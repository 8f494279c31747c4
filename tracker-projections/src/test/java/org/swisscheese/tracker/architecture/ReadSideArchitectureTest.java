package org.swisscheese.tracker.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The read side as the design draws it: each read model is its own processing group with its own tables, replayable
 * alone, so none imports another; the read side knows the write module only by its message contract ({@code api})
 * and its domain, never its aggregate or its adapters; no package cycles.
 */
class ReadSideArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.swisscheese.tracker");

    /** The packages that are read models (a processing group and its tables each). */
    private static final List<String> READ_MODELS = List.of("incidents", "fleet", "board", "statistics", "alerting");

    @Test
    void readModelsNeverImportOneAnother() {
        for (String readModel : READ_MODELS) {
            String[] others = READ_MODELS.stream()
                    .filter(other -> !other.equals(readModel))
                    .map(other -> "org.swisscheese.tracker.projection." + other + "..")
                    .toArray(String[]::new);
            noClasses()
                    .that()
                    .resideInAPackage("org.swisscheese.tracker.projection." + readModel + "..")
                    .should()
                    .dependOnClassesThat()
                    .resideInAnyPackage(others)
                    .because("each read model is rebuilt on its own; what two need belongs in api, domain or support")
                    .check(CLASSES);
        }
    }

    @Test
    void theReadSideKnowsTheWriteModuleOnlyByItsContractAndDomain() {
        noClasses()
                .that()
                .resideInAPackage("org.swisscheese.tracker.projection..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.swisscheese.tracker.command..",
                        "org.swisscheese.tracker.ingest..",
                        "org.swisscheese.tracker.rest..",
                        "org.swisscheese.tracker.publish..",
                        "org.swisscheese.tracker.integrity..")
                .because("the read side is fed by events; the write side's internals may change under it")
                .check(CLASSES);
    }

    @Test
    void noPackageCycles() {
        slices().matching("org.swisscheese.tracker.(*)..")
                .should()
                .beFreeOfCycles()
                .check(CLASSES);
        slices().matching("org.swisscheese.tracker.projection.(*)..")
                .should()
                .beFreeOfCycles()
                .check(CLASSES);
    }
}
