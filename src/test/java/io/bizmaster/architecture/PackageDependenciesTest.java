package io.bizmaster.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The import matrix between BizMaster's packages, checked on the compiled classes: the arrows point one way, from
 * the operator's surface down to the stores and the log. A change that adds a cycle, or makes the lower layers know
 * about the ones above, fails here with the classes that do it.
 */
class PackageDependenciesTest {

    private static JavaClasses classes;

    @BeforeAll
    static void load() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.bizmaster");
    }

    @Test
    void noCyclesBetweenPackages() {
        slices().matching("io.bizmaster.(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void noCyclesBetweenSubpackages() {
        slices().matching("io.bizmaster.(**)").should().beFreeOfCycles().check(classes);
    }

    /** The JDBC toolkit and the stores sit below the converters: a converter writes into a store, never the reverse. */
    @Test
    void storesAndTheLogKnowNoConverter() {
        noClasses().that().resideInAnyPackage("io.bizmaster.store..", "io.bizmaster.log..")
                .should().dependOnClassesThat().resideInAnyPackage("io.bizmaster.convert..", "io.bizmaster.apply..",
                        "io.bizmaster.verify..", "io.bizmaster.migrate..", "io.bizmaster.replay..", "io.bizmaster.pipeline..")
                .check(classes);
    }

    @Test
    void theCommandModelStandsAlone() {
        noClasses().that().resideInAPackage("io.bizmaster.command..")
                .should().dependOnClassesThat().resideInAnyPackage("io.bizmaster.store..", "io.bizmaster.log..",
                        "io.bizmaster.convert..", "io.bizmaster.apply..", "io.bizmaster.migrate..")
                .check(classes);
    }

    /**
     * Only the pipeline starts and stops routes (and the jms-batch component runs its consumers): a freeze or a pause
     * that some class did its own way would miss an intake route.
     */
    @Test
    void onlyThePipelineHoldsTheCamelContext() {
        noClasses().that().resideOutsideOfPackages("io.bizmaster.pipeline..", "io.bizmaster.broker.batch..")
                .should().dependOnClassesThat().areAssignableTo(org.apache.camel.CamelContext.class)
                .check(classes);
    }

    /** Each kind of migration depends on the shared core, never on the other kind. */
    @Test
    void migrationKindsAreIndependent() {
        noClasses().that().resideInAPackage("io.bizmaster.migrate.store..")
                .should().dependOnClassesThat().resideInAPackage("io.bizmaster.migrate.logmove..").check(classes);
        noClasses().that().resideInAPackage("io.bizmaster.migrate.logmove..")
                .should().dependOnClassesThat().resideInAPackage("io.bizmaster.migrate.store..").check(classes);
        noClasses().that().resideInAPackage("io.bizmaster.migrate")
                .should().dependOnClassesThat().resideInAnyPackage("io.bizmaster.migrate.store..", "io.bizmaster.migrate.logmove..")
                .check(classes);
    }

    /** Backfill plumbing is shared by migrations and replays, so it knows neither. */
    @Test
    void theBackfillCoreServesBothWorkflows() {
        noClasses().that().resideInAPackage("io.bizmaster.backfill..")
                .should().dependOnClassesThat().resideInAnyPackage("io.bizmaster.migrate..", "io.bizmaster.replay..")
                .check(classes);
    }
}
