package dev.tiersync.engine;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The engine is a library: it runs the same under a Temporal activity, a CLI or a benchmark, so it
 * must not know about any of them.
 */
class EngineIsPlainJavaTest {
  private static final JavaClasses ENGINE =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("dev.tiersync.engine");

  @Test
  void engine_usesNoTemporalNoSpringAndNoOuterModule() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.temporal..",
            "org.springframework..",
            "jakarta.servlet..",
            "dev.tiersync.workflows..",
            "dev.tiersync.activities..",
            "dev.tiersync.app..",
            "dev.tiersync.cli..")
        .because("the engine is plain Java; Temporal and Spring adapt to it from the outside")
        .check(ENGINE);
  }

  @Test
  void model_holdsPlainValuesOnly() {
    noClasses()
        .that()
        .resideInAPackage("dev.tiersync.engine.model..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "java.io..", "java.nio.file..", "java.util.concurrent..", "java.time..", "java.sql..")
        .orShould()
        .dependOnClassesThat(
            resideInAPackage("dev.tiersync.engine..")
                .and(not(resideInAPackage("dev.tiersync.engine.model.."))))
        .because(
            "workflow code carries the model across the workflow boundary and must stay"
                + " deterministic, so the model does no IO and reads no clock")
        .check(ENGINE);
  }
}
