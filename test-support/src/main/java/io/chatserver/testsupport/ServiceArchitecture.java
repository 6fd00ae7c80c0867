package io.chatserver.testsupport;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** Architecture rules the services share (ArchUnit), checked by each service's ArchitectureTest. */
public final class ServiceArchitecture {

    private final String basePackage;
    private final JavaClasses classes;

    private ServiceArchitecture(String basePackage) {
        this.basePackage = basePackage;
        this.classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(basePackage);
    }

    /** The main classes of one service, e.g. {@code io.chatserver.groupservice}. */
    public static ServiceArchitecture of(String basePackage) {
        return new ServiceArchitecture(basePackage);
    }

    public void featurePackagesAreFreeOfCycles() {
        slices().matching(basePackage + ".(*)..").should().beFreeOfCycles().check(classes);
    }

    /** JDBC goes through platform's BlockingDatabase, which keeps it off the event loops. */
    public void nothingTouchesJdbcTemplateOrTheDataSourceDirectly() {
        noClasses().should().dependOnClassesThat().haveFullyQualifiedName("org.springframework.jdbc.core.JdbcTemplate")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("javax.sql.DataSource")
                .check(classes);
    }

    public void controllersDoNotTouchStorage() {
        noClasses().that().haveSimpleNameEndingWith("Controller")
                .should().dependOnClassesThat().haveSimpleNameEndingWith("Store")
                .orShould().dependOnClassesThat().resideInAPackage("org.springframework.jdbc..")
                .check(classes);
    }
}
