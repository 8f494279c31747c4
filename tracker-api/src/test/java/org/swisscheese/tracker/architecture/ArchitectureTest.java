package org.swisscheese.tracker.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(packages = "org.swisscheese.tracker", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule theDomainAndTheAggregateKnowNothingOfKafkaOrHttp = noClasses()
            .that()
            .resideInAnyPackage("..tracker.domain..", "..tracker.command..", "..tracker.api..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "org.apache.kafka..",
                    "org.springframework.kafka..",
                    "org.springframework.web..",
                    "jakarta.servlet..",
                    "io.cloudevents..",
                    "..tracker.ingest..",
                    "..tracker.rest..");

    @ArchTest
    static final ArchRule theDomainIsPlainJava = noClasses()
            .that()
            .resideInAPackage("..tracker.domain..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "org.axonframework..",
                    "org.springframework..",
                    "org.apache.kafka..",
                    "io.cloudevents..",
                    "jakarta..",
                    "javax.sql..",
                    "java.sql..",
                    "java.net.http..",
                    "org.flywaydb..",
                    "org.postgresql..",
                    "org.h2..");
}
