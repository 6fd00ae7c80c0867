package io.chatserver.testsupport;

import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an integration test that needs real servers of the local stack. When one is not
 * reachable the test class fails at once with a hint to run {@code ./chat stack up}, instead of
 * timing out somewhere deep in a driver.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@ExtendWith(LocalStackExtension.class)
public @interface RequiresLocalStack {

    /** The servers this test talks to. */
    LocalStack[] value();
}
