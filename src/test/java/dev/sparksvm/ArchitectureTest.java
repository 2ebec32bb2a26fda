package dev.sparksvm;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import com.tngtech.archunit.library.dependencies.SliceRule;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The layers of docs/DESIGN.md, checked on the compiled main classes (ArchUnit): cli on top; the
 * runs (train, explore, measure, evaluate) below it; baseline and ml (the spark.ml face) below the
 * runs, spark below them; the Spark-free packages at the bottom. No cycle between packages or
 * between any two files, no Spark in the Spark-free packages, and the runs hold no Spark plumbing:
 * a JavaSparkContext is all of Spark they touch.
 *
 * <p>A few dependencies of today's main break these rules only until branch {@code opts} lands:
 * each is an {@link Allowance} below, named and explained, and {@link #everyAllowanceIsStillNeeded}
 * fails once its dependency is gone, so that it is deleted then.
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

  /**
   * A dependency of today's main that breaks a rule here until branch {@code opts} lands: from
   * {@code origin} (a top-level class, its nested classes with it) to any class {@code target}
   * matches.
   */
  private record Allowance(String origin, DescribedPredicate<JavaClass> target, String why) {
    boolean covers(Dependency d) {
      return fromOrigin().test(d.getOriginClass()) && target.test(d.getTargetClass());
    }

    DescribedPredicate<JavaClass> fromOrigin() {
      return classAndNested(origin);
    }
  }

  /** ScaleRun runs DataScaleRun, which reads ScaleRun.environment: opts breaks the cycle. */
  private static final Allowance DATA_SCALE_RUN_USES_SCALE_RUN =
      new Allowance(
          ROOT + "measure.DataScaleRun",
          classAndNested(ROOT + "measure.ScaleRun"),
          "ScaleRun <-> DataScaleRun (branch opts)");

  /** core/Loss's factory names its two losses, which implement it: opts moves the factory. */
  private static final Allowance LOSS_FACTORY_MAKES_HINGE =
      new Allowance(
          ROOT + "core.Loss",
          classAndNested(ROOT + "core.MulticlassHinge"),
          "Loss's factory (branch opts)");

  private static final Allowance LOSS_FACTORY_MAKES_SOFTMAX =
      new Allowance(
          ROOT + "core.Loss",
          classAndNested(ROOT + "core.Softmax"),
          "Loss's factory (branch opts)");

  /**
   * DataScaleRun's free storage memory: SparkEnv's block manager and the executors' memory status
   * (Scala maps and tuples), read in measure/ until opts moves it into spark/.
   */
  private static final Allowance DATA_SCALE_RUN_READS_SPARK_ENV =
      new Allowance(
          ROOT + "measure.DataScaleRun",
          resideInAnyPackage("org.apache.spark", "org.apache.spark.storage", "scala..")
              .as("SparkEnv, SparkContext, the block manager, Scala collections"),
          "DataScaleRun's SparkEnv use (branch opts)");

  private static final List<Allowance> ALLOWANCES =
      List.of(
          DATA_SCALE_RUN_USES_SCALE_RUN,
          LOSS_FACTORY_MAKES_HINGE,
          LOSS_FACTORY_MAKES_SOFTMAX,
          DATA_SCALE_RUN_READS_SPARK_ENV);

  @ArchTest
  static final ArchRule noCycleBetweenPackages =
      slices().matching("dev.sparksvm.(*)..").should().beFreeOfCycles();

  /** No cycle between any two files: a slice per top-level class, nested classes with it. */
  @ArchTest
  static final ArchRule noCycleBetweenTopLevelClasses =
      allowing(
          slices().assignedFrom(new TopLevelClasses()).should().beFreeOfCycles(),
          DATA_SCALE_RUN_USES_SCALE_RUN,
          LOSS_FACTORY_MAKES_HINGE,
          LOSS_FACTORY_MAKES_SOFTMAX);

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
                              "org.apache.spark.SparkException"))),
                  DATA_SCALE_RUN_READS_SPARK_ENV));

  /**
   * Each layer calls only the ones below it; nothing calls cli; no run calls another but explore,
   * which opens train's Workspace. Every class belongs to a layer (a new package goes here and into
   * docs/DESIGN.md).
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
          .layer("ml")
          .definedBy(ROOT + "ml..")
          .layer("spark")
          .definedBy(ROOT + "spark..")
          .layer("baseline")
          .definedBy(ROOT + "baseline..")
          .layer("bottom")
          .definedBy(BOTTOM)
          .whereLayer("cli")
          .mayNotBeAccessedByAnyLayer()
          .whereLayer("train")
          .mayOnlyBeAccessedByLayers("cli", "explore")
          .whereLayer("explore")
          .mayOnlyBeAccessedByLayers("cli")
          .whereLayer("measure")
          .mayOnlyBeAccessedByLayers("cli")
          .whereLayer("evaluate")
          .mayOnlyBeAccessedByLayers("cli")
          .whereLayer("baseline")
          .mayOnlyBeAccessedByLayers("cli", "train", "explore", "measure", "evaluate")
          .whereLayer("ml")
          .mayOnlyBeAccessedByLayers("cli", "train", "explore", "measure", "evaluate", "baseline")
          .whereLayer("spark")
          .mayOnlyBeAccessedByLayers(
              "cli", "train", "explore", "measure", "evaluate", "baseline", "ml")
          .ensureAllClassesAreContainedInArchitecture();

  /**
   * An allowance whose dependency is gone (branch opts landed) must go too: this fails, naming it.
   */
  @ArchTest
  static void everyAllowanceIsStillNeeded(JavaClasses imported) {
    for (Allowance a : ALLOWANCES) {
      boolean used =
          imported.stream()
              .filter(a.fromOrigin())
              .flatMap(c -> c.getDirectDependenciesFromSelf().stream())
              .anyMatch(a::covers);
      assertTrue(
          used,
          "the allowance for "
              + a.why()
              + " ("
              + a.origin()
              + " -> "
              + a.target().getDescription()
              + ") is no longer needed: delete it from ArchitectureTest");
    }
  }

  private static String[] bottom() {
    String[] all = java.util.Arrays.copyOf(SPARK_FREE, SPARK_FREE.length + 1);
    all[SPARK_FREE.length] = ROOT + "model..";
    return all;
  }

  /** The rule, with the allowances' dependencies ignored. */
  private static SliceRule allowing(SliceRule rule, Allowance... allowances) {
    SliceRule out = rule;
    for (Allowance a : allowances) {
      out = out.ignoreDependency(a.fromOrigin(), a.target());
    }
    return out;
  }

  /** The class named {@code name} and the classes nested in it. */
  private static DescribedPredicate<JavaClass> classAndNested(String name) {
    Pattern pattern = Pattern.compile(Pattern.quote(name) + "(\\$.*)?");
    return DescribedPredicate.describe(name, c -> pattern.matcher(c.getName()).matches());
  }

  private static DescribedPredicate<JavaClass> nameIn(String... names) {
    List<String> list = List.of(names);
    return DescribedPredicate.describe(String.join(" or ", names), c -> list.contains(c.getName()));
  }

  /** No direct dependency on a class {@code forbidden} matches, except those of {@code allowed}. */
  private static ArchCondition<JavaClass> dependOnNothingThat(
      DescribedPredicate<JavaClass> forbidden, Allowance... allowed) {
    return new ArchCondition<>("depend on nothing that is " + forbidden.getDescription()) {
      @Override
      public void check(JavaClass c, ConditionEvents events) {
        for (Dependency d : c.getDirectDependenciesFromSelf()) {
          if (forbidden.test(d.getTargetClass())
              && List.of(allowed).stream().noneMatch(a -> a.covers(d))) {
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
