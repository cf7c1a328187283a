package dev.tiersync.workflows;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import dev.tiersync.engine.sync.SyncEngine;
import org.junit.jupiter.api.Test;

/**
 * The workflows speak the engine's vocabulary ({@code dev.tiersync.engine.model}: plain values)
 * and nothing else of it: the rest of the engine reads and writes tiers, which only activities may
 * do.
 */
class WorkflowsUseEngineModelOnlyTest {
  private static final JavaClasses MAIN =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("dev.tiersync.workflows");

  private static final ArchRule ONLY_THE_MODEL =
      noClasses()
          .should()
          .dependOnClassesThat(
              resideInAPackage("dev.tiersync.engine..")
                  .and(not(resideInAPackage("dev.tiersync.engine.model.."))))
          .because("the engine's other packages do IO, which workflow code must not");

  @Test
  void workflowCode_usesOnlyTheEngineModel() {
    ONLY_THE_MODEL.check(MAIN);
  }

  @Test
  void workflowPayloads_areBuiltFromTheEngineModel() {
    classes()
        .that()
        .haveSimpleName("JobSnapshot")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("dev.tiersync.engine.model..")
        .check(MAIN);
  }

  @Test
  void rule_flagsAClassThatUsesTheEngineBeyondItsModel() {
    JavaClasses offender = new ClassFileImporter().importClasses(UsesTheSyncEngine.class);

    assertThat(ONLY_THE_MODEL.evaluate(offender).hasViolation()).isTrue();
  }

  /** What workflow code must not do: hold on to the engine that writes tiers. */
  @SuppressWarnings("unused")
  private static final class UsesTheSyncEngine {
    private SyncEngine engine;
  }
}
