package io.chatserver.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;

/** The repository root, found from the module a test runs in (Maven runs tests in the module folder). */
public final class RepoRoot {

    private RepoRoot() {
    }

    public static Path find() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            if (Files.isRegularFile(dir.resolve("chat")) && Files.isRegularFile(dir.resolve("pom.xml"))) {
                return dir;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("repository root (with ./chat and pom.xml) not found above "
                + Path.of("").toAbsolutePath());
    }
}
