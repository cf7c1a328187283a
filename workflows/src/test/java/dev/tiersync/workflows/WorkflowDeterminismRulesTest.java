package dev.tiersync.workflows;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import io.temporal.workflow.WorkflowInterface;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The determinism rules of {@code package-info.java}, checked on the compiled workflow code: no
 * IO, clocks, randomness, threads or environment in anything the workflows module ships.
 */
class WorkflowDeterminismRulesTest {
  private static final JavaClasses MAIN =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("dev.tiersync.workflows");

  @Test
  void workflowCode_doesNoIoAndStartsNoThreads() {
    ArchRule rule =
        noClasses()
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("java.io..", "java.nio.file..", "java.net..", "java.sql..", "java.util.concurrent..")
            .orShould()
            .dependOnClassesThat()
            .areAssignableTo(Thread.class)
            .orShould()
            .dependOnClassesThat()
            .areAssignableTo(java.util.Random.class)
            .orShould()
            .dependOnClassesThat()
            .areAssignableTo(java.time.Clock.class)
            .because("workflow code is replayed and must make the same decisions every time");
    rule.check(MAIN);
  }

  @Test
  void workflowCode_readsNoClockRandomnessOrEnvironment() {
    ArchRule rule =
        noClasses()
            .should()
            .callMethod(System.class, "currentTimeMillis")
            .orShould()
            .callMethod(System.class, "nanoTime")
            .orShould()
            .callMethod(System.class, "getenv", String.class)
            .orShould()
            .callMethod(System.class, "getProperty", String.class)
            .orShould()
            .callMethod(Instant.class, "now")
            .orShould()
            .callMethod(LocalDateTime.class, "now")
            .orShould()
            .callMethod(UUID.class, "randomUUID")
            .orShould()
            .callMethod(Math.class, "random")
            .orShould()
            .callMethod(String.class, "toLowerCase")
            .orShould()
            .callMethod(String.class, "toUpperCase")
            .because(
                "use Workflow.currentTimeMillis / Workflow.randomUUID; case changes need Locale.ROOT");
    rule.check(MAIN);
  }

  @Test
  void workflowImplementations_areComposedNotInherited() {
    DescribedPredicate<JavaClass> workflowImpls =
        DescribedPredicate.describe(
            "workflow implementations",
            c -> !c.isInterface()
                && c.getAllRawInterfaces().stream()
                    .anyMatch(i -> i.isAnnotatedWith(WorkflowInterface.class)));
    ArchRule rule =
        classes()
            .that(workflowImpls)
            .should(
                new ArchCondition<JavaClass>("extend no class") {
                  @Override
                  public void check(JavaClass c, ConditionEvents events) {
                    String parent = c.getRawSuperclass().map(JavaClass::getName).orElse("");
                    boolean ok = parent.isEmpty() || parent.equals(Object.class.getName());
                    events.add(new SimpleConditionEvent(c, ok, c.getName() + " extends " + parent));
                  }
                })
            .because(
                "shared job behaviour lives in parts a workflow holds (JobProgress, JobLocks),"
                    + " not in a base class with mutable protected state");
    rule.check(MAIN);
  }
}
