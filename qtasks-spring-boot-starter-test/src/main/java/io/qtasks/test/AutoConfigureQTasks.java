package io.qtasks.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.autoconfigure.ImportAutoConfiguration;

/**
 * Imports the auto-configurations of a {@link QTasksTest}: Jackson, QTasks and the
 * {@link TaskRecorder} (listed in
 * {@code META-INF/spring/io.qtasks.test.AutoConfigureQTasks.imports}). Use it on a test
 * of another slice that needs QTasks too.
 *
 * @author QTasks contributors
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ImportAutoConfiguration
public @interface AutoConfigureQTasks {

}
