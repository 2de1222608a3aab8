package dev.tally.domain;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.tally.domain.invoice.InvoiceCalculator;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

/** The domain is the business alone: JDK only, no clock of its own, calculators below services. */
class DomainDependencyRulesTest {
  private static final JavaClasses DOMAIN =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("dev.tally.domain");

  @Test
  void importsTheDomainWithoutItsTests() {
    assertThat(DOMAIN.contain(InvoiceCalculator.class)).isTrue();
    assertThat(DOMAIN.contain(DomainDependencyRulesTest.class)).isFalse();
  }

  @Test
  void theDomainUsesNoJsonSqlOrHttp() {
    noClasses()
        .that()
        .resideInAPackage("dev.tally.domain..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "com.fasterxml..",
            "java.sql..",
            "javax.sql..",
            "org.jdbi..",
            "io.javalin..",
            "jakarta.servlet..",
            "org.eclipse.jetty..",
            "java.net.http..")
        .check(DOMAIN);
  }

  @Test
  void theDomainReadsTimeOnlyFromAnInjectedClock() {
    noClasses()
        .that()
        .resideInAPackage("dev.tally.domain..")
        .should()
        .callMethod(Instant.class, "now")
        .orShould()
        .callMethod(Clock.class, "systemUTC")
        .orShould()
        .callMethod(Clock.class, "systemDefaultZone")
        .orShould()
        .callMethod(LocalDate.class, "now")
        .orShould()
        .callMethod(LocalDateTime.class, "now")
        .orShould()
        .callMethod(System.class, "currentTimeMillis")
        .check(DOMAIN);
  }

  @Test
  void calculatorsDoNotDependOnTheServicesThatUseThem() {
    noClasses()
        .that()
        .resideInAnyPackage(
            "dev.tally.domain.money..",
            "dev.tally.domain.time..",
            "dev.tally.domain.pricing..",
            "dev.tally.domain.usage..",
            "dev.tally.domain.invoice..",
            "dev.tally.domain.account..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("dev.tally.domain.billing..")
        .check(DOMAIN);
  }

  @Test
  void moneyDependsOnNothingElseOfTheDomain() {
    classes()
        .that()
        .resideInAPackage("dev.tally.domain.money..")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage("dev.tally.domain.money..", "java..")
        .check(DOMAIN);
  }
}
