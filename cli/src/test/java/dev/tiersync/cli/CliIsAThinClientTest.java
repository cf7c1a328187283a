package dev.tiersync.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The CLI is a thin client of the REST API: it never touches the tiers, so it must not reach for
 * the engine, the workflows, the activities or the app, nor bring Spring or Temporal along.
 */
class CliIsAThinClientTest {
  private static final JavaClasses CLI =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("dev.tiersync.cli");

  @Test
  void cli_usesNoSpringNoTemporalAndNoOtherModule() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "org.springframework..",
            "io.temporal..",
            "org.eclipse.jgit..",
            "dev.tiersync.engine..",
            "dev.tiersync.workflows..",
            "dev.tiersync.activities..",
            "dev.tiersync.app..")
        .because("the CLI only talks HTTP to the server, which does the work")
        .check(CLI);
  }

  @Test
  void cli_readsAndWritesJsonWithoutAnObjectMapper() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .haveFullyQualifiedName("com.fasterxml.jackson.databind.ObjectMapper")
        .because("JSON is read and written as trees with the streaming API (start-up time)")
        .check(CLI);
  }
}
