package io.firebreak.streams;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The runbook's decisions stay plain Java (issue 11): what an input does to an incident is decided without any Kafka
 * type, so it is tested by method calls and could move to a module of its own. The Kafka edge — processors, stores,
 * punctuations — is {@code IncidentProcessor} and the classes that carry decisions out.
 */
class KafkaFreeRunbookTest {

    private static final JavaClasses STREAMS = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.firebreak.streams");

    @Test
    void theDecisionsAndTheRulesTheyUseDependOnNoKafkaType() {
        noClasses().that().haveFullyQualifiedName("io.firebreak.streams.correlation.IncidentDecider")
                .or().haveFullyQualifiedName("io.firebreak.streams.correlation.Decision")
                .or().haveFullyQualifiedName("io.firebreak.streams.correlation.IncidentContext")
                .or().haveFullyQualifiedName("io.firebreak.streams.correlation.Correlator")
                .or().haveFullyQualifiedName("io.firebreak.streams.correlation.SignalTally")
                .or().haveFullyQualifiedName("io.firebreak.streams.correlation.Enricher")
                .or().resideInAnyPackage("io.firebreak.streams.lifecycle..", "io.firebreak.streams.routing..",
                        "io.firebreak.streams.enrich..", "io.firebreak.streams.graph..")
                .should().dependOnClassesThat().resideInAnyPackage("org.apache.kafka..")
                .because("the runbook is decided in plain Java and carried out at the Kafka edge")
                .check(STREAMS);
    }
}
