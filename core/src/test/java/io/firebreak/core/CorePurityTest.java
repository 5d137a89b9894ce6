package io.firebreak.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The core stays plain Java: the rules can be read, tested and reused without a broker, a server or a schema. */
class CorePurityTest {

    private static final JavaClasses CORE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.firebreak.core");

    @Test
    void coreImportsNoKafkaHttpAvroOrFramework() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage(
                        "org.apache.kafka..", "org.apache.avro..", "jakarta..", "javax.ws..", "io.dropwizard..",
                        "org.eclipse.jetty..", "com.fasterxml..", "io.firebreak.schemas..", "io.firebreak.streams..",
                        "io.firebreak.ingest..", "io.firebreak.notifiers..", "io.firebreak.app..")
                .allowEmptyShould(true)
                .check(CORE);
    }
}
