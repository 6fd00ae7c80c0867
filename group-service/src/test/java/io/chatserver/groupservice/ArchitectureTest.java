package io.chatserver.groupservice;

import io.chatserver.testsupport.ServiceArchitecture;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

    private static final ServiceArchitecture RULES = ServiceArchitecture.of("io.chatserver.groupservice");

    @Test
    void featurePackagesAreFreeOfCycles() {
        RULES.featurePackagesAreFreeOfCycles();
    }

    @Test
    void nothingTouchesJdbcTemplateOrTheDataSourceDirectly() {
        RULES.nothingTouchesJdbcTemplateOrTheDataSourceDirectly();
    }

    /** In group-service every write also goes through GroupChanges (row lock, version, log, cache). */
    @Test
    void controllersDoNotTouchStorage() {
        RULES.controllersDoNotTouchStorage();
    }
}
