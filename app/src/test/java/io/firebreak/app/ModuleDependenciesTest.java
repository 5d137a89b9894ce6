package io.firebreak.app;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The module picture of the README ("Modules"), enforced: each module's production code may use only the modules
 * listed for it. The dependency graph points one way — rules in {@code core}, formats in {@code schemas}, one module
 * per pipeline role, {@code app} wiring them — so a role can be read, tested and changed without the others.
 */
class ModuleDependenciesTest {

    private static final JavaClasses PRODUCTION = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.firebreak");

    @Test
    void everyModuleIsOnTheClasspathSoTheRuleBelowCannotPassEmpty() {
        for (String module : List.of("core", "embedded", "schemas", "ingest", "streams", "slo", "notifiers", "postmortem", "app")) {
            assertThat(PRODUCTION.stream().anyMatch(c -> c.getPackageName().startsWith("io.firebreak." + module)))
                    .as(module).isTrue();
        }
    }

    @Test
    void eachModuleUsesOnlyTheModulesItsPictureAllows() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("core").definedBy("io.firebreak.core..")
                .layer("embedded").definedBy("io.firebreak.embedded..")
                .layer("schemas").definedBy("io.firebreak.schemas..", "io.firebreak.events..")
                .layer("ingest").definedBy("io.firebreak.ingest..")
                .layer("streams").definedBy("io.firebreak.streams..")
                .layer("slo").definedBy("io.firebreak.slo..")
                .layer("notifiers").definedBy("io.firebreak.notifiers..")
                .layer("postmortem").definedBy("io.firebreak.postmortem..")
                .layer("app").definedBy("io.firebreak.app..")
                .whereLayer("app").mayNotBeAccessedByAnyLayer()
                .whereLayer("ingest").mayOnlyBeAccessedByLayers("app")
                .whereLayer("streams").mayOnlyBeAccessedByLayers("app")
                .whereLayer("slo").mayOnlyBeAccessedByLayers("app")
                .whereLayer("notifiers").mayOnlyBeAccessedByLayers("app")
                .whereLayer("postmortem").mayOnlyBeAccessedByLayers("app")
                .whereLayer("schemas").mayOnlyBeAccessedByLayers("ingest", "streams", "slo", "notifiers", "postmortem", "app")
                .whereLayer("embedded").mayOnlyBeAccessedByLayers("app")
                .whereLayer("core").mayOnlyBeAccessedByLayers("schemas", "ingest", "streams", "slo", "notifiers", "postmortem", "app")
                .check(PRODUCTION);
    }
}
