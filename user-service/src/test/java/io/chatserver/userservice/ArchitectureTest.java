package io.chatserver.userservice;

import io.chatserver.testsupport.ServiceArchitecture;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

    private static final ServiceArchitecture RULES = ServiceArchitecture.of("io.chatserver.userservice");

    @Test
    void featurePackagesAreFreeOfCycles() {
        RULES.featurePackagesAreFreeOfCycles();
    }

    @Test
    void nothingTouchesJdbcTemplateOrTheDataSourceDirectly() {
        RULES.nothingTouchesJdbcTemplateOrTheDataSourceDirectly();
    }

    @Test
    void controllersDoNotTouchStorage() {
        RULES.controllersDoNotTouchStorage();
    }
}
