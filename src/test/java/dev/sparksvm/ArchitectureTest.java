package dev.sparksvm;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import java.util.List;

/**
 * The layers of docs/DESIGN.md, checked on the compiled main classes (ArchUnit): cli on top; the
 * runs (train, explore, measure, evaluate) below it; the session they work in below them; baseline,
 * then ml (the spark.ml face), then spark below that; the Spark-free packages at the bottom. No
 * cycle between packages or between any two files, no Spark in the Spark-free packages, and the
 * runs hold no Spark plumbing: a JavaSparkContext is all of Spark they touch.
 */
@AnalyzeClasses(packages = "dev.sparksvm", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
  private static final String ROOT = "dev.sparksvm.";

  /** The bottom layer: everything that can be computed or written without Spark. */
  private static final String[] SPARK_FREE = {
    ROOT + "core..",
    ROOT + "check..",
    ROOT + "data..",
    ROOT + "input..",
    ROOT + "optim..",
    ROOT + "report..",
    ROOT + "scaling..",
    ROOT + "io..",
    ROOT + "options.."
  };

  /** The bottom layer of the layers: the Spark-free packages and the model (Spark ML's types). */
  private static final String[] BOTTOM = bottom();

  /** The one run each of the commands. */
  private static final String[] RUNS = {
    ROOT + "train..", ROOT + "explore..", ROOT + "measure..", ROOT + "evaluate.."
  };

  /** Spark, and the Scala library its API hands out. */
  private static final DescribedPredicate<JavaClass> SPARK =
      resideInAnyPackage("org.apache.spark..", "scala..").as("Spark or Scala");

  @ArchTest
  static final ArchRule noCycleBetweenPackages =
      slices().matching("dev.sparksvm.(*)..").should().beFreeOfCycles();

  /** No cycle between any two files: a slice per top-level class, nested classes with it. */
  @ArchTest
  static final ArchRule noCycleBetweenTopLevelClasses =
      slices().assignedFrom(new TopLevelClasses()).should().beFreeOfCycles();

  @ArchTest
  static final ArchRule sparkFreePackagesUseNoSpark =
      classes().that().resideInAnyPackage(SPARK_FREE).should(dependOnNothingThat(SPARK));

  /** The model also offers itself in Spark ML's vector and matrix types: nothing else of Spark. */
  @ArchTest
  static final ArchRule theModelUsesOnlySparkMlsLinearAlgebra =
      classes()
          .that()
          .resideInAPackage(ROOT + "model..")
          .should(
              dependOnNothingThat(
                  SPARK.and(
                      DescribedPredicate.not(resideInAnyPackage("org.apache.spark.ml.linalg")))));

  /** Spark plumbing lives in spark/; a run holds a JavaSparkContext and hands it down. */
  @ArchTest
  static final ArchRule theRunsUseOnlyTheSparkContext =
      classes()
          .that()
          .resideInAnyPackage(RUNS)
          .should(
              dependOnNothingThat(
                  SPARK.and(
                      DescribedPredicate.not(
                          nameIn(
                              "org.apache.spark.api.java.JavaSparkContext",
                              "org.apache.spark.SparkException")))));

  /**
   * Each layer calls only the ones below it; nothing calls cli; no run calls another; the session
   * (inputs, the context, --out, the cached data) serves the runs. Every class belongs to a layer
   * (a new package goes here and into docs/DESIGN.md).
   */
  @ArchTest
  static final ArchRule theLayersOfDesignMd =
      layeredArchitecture()
          .consideringOnlyDependenciesInAnyPackage("dev.sparksvm..")
          .layer("cli")
          .definedBy(ROOT + "cli..")
          .layer("train")
          .definedBy(ROOT + "train..")
          .layer("explore")
          .definedBy(ROOT + "explore..")
          .layer("measure")
          .definedBy(ROOT + "measure..")
          .layer("evaluate")
          .definedBy(ROOT + "evaluate..")
          .layer("session")
          .definedBy(ROOT + "session..")
          .layer("spark")
          .definedBy(ROOT + "spark..")
          .layer("baseline")
          .definedBy(ROOT + "baseline..")
          .layer("ml")
          .definedBy(ROOT + "ml..")
          .layer("bottom")
          .definedBy(BOTTOM)
          .whereLayer("cli")
          .mayNotBeAccessedByAnyLayer()
          .whereLayer("train")
          .mayOnlyBeAccessedByLayers("cli")
          .whereLayer("explore")
          .mayOnlyBeAccessedByLayers("cli")
          .whereLayer("measure")
          .mayOnlyBeAccessedByLayers("cli")
          .whereLayer("evaluate")
          .mayOnlyBeAccessedByLayers("cli")
          .whereLayer("session")
          .mayOnlyBeAccessedByLayers("cli", "train", "explore", "measure", "evaluate")
          .whereLayer("baseline")
          .mayOnlyBeAccessedByLayers("cli", "train", "explore", "measure", "evaluate", "session")
          .whereLayer("ml")
          .mayOnlyBeAccessedByLayers(
              "cli", "train", "explore", "measure", "evaluate", "session", "baseline")
          .whereLayer("spark")
          .mayOnlyBeAccessedByLayers(
              "cli", "train", "explore", "measure", "evaluate", "session", "baseline", "ml")
          .ensureAllClassesAreContainedInArchitecture();

  private static String[] bottom() {
    String[] all = java.util.Arrays.copyOf(SPARK_FREE, SPARK_FREE.length + 1);
    all[SPARK_FREE.length] = ROOT + "model..";
    return all;
  }

  private static DescribedPredicate<JavaClass> nameIn(String... names) {
    List<String> list = List.of(names);
    return DescribedPredicate.describe(String.join(" or ", names), c -> list.contains(c.getName()));
  }

  /** No direct dependency on a class {@code forbidden} matches. */
  private static ArchCondition<JavaClass> dependOnNothingThat(
      DescribedPredicate<JavaClass> forbidden) {
    return new ArchCondition<>("depend on nothing that is " + forbidden.getDescription()) {
      @Override
      public void check(JavaClass c, ConditionEvents events) {
        for (Dependency d : c.getDirectDependenciesFromSelf()) {
          if (forbidden.test(d.getTargetClass())) {
            events.add(SimpleConditionEvent.violated(d, d.getDescription()));
          }
        }
      }
    };
  }

  /** One slice per top-level class of ours; a nested class belongs to its outermost class. */
  private static final class TopLevelClasses implements SliceAssignment {
    @Override
    public SliceIdentifier getIdentifierOf(JavaClass c) {
      if (!c.getName().startsWith(ROOT)) {
        return SliceIdentifier.ignore();
      }
      int nested = c.getName().indexOf('$');
      return SliceIdentifier.of(nested < 0 ? c.getName() : c.getName().substring(0, nested));
    }

    @Override
    public String getDescription() {
      return "top-level classes (nested classes with their owner)";
    }
  }
}
