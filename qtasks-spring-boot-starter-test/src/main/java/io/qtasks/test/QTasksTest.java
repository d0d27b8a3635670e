package io.qtasks.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.autoconfigure.OverrideAutoConfiguration;
import org.springframework.boot.test.context.PropertyMapping;
import org.springframework.boot.test.context.filter.annotation.TypeExcludeFilters;
import org.springframework.context.annotation.ComponentScan.Filter;
import org.springframework.core.annotation.AliasFor;
import org.springframework.test.context.BootstrapWith;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/**
 * A test of {@code @QTask} methods and of the code that enqueues them: starts the QTasks
 * auto-configuration (with Jackson) on the memory engine, the named task classes and
 * nothing else of the application, as {@code @WebMvcTest(controllers = …)} does for
 * controllers.
 * <p>
 * Tasks run inline ({@code qtasks.worker.mode=inline}): {@code add()} runs the task on
 * the test's thread and returns the finished record, retries without waiting for their
 * backoff. With {@link #runTasks() runTasks = false} nothing runs: the tasks stay queued,
 * for tests of code that only enqueues, with the {@link TaskRecorder}.
 *
 * <pre class="code">
 * &#64;QTasksTest(tasks = EmailTasks.class)
 * class EmailTasksTests {
 *
 *     &#64;Autowired
 *     QTasks qtasks;
 *
 *     &#64;Test
 *     void countsTheWords() {
 *         assertThat(qtasks.addTask("count_words", "a b c")).succeeded().hasReturning(3);
 *     }
 *
 * }
 * </pre> Beans the tasks need come in with {@code @Import} or {@code @MockitoBean}, as in
 * other test slices.
 *
 * @author QTasks contributors
 * @see QTasksAssertions
 * @see TaskRecorder
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@BootstrapWith(QTasksTestContextBootstrapper.class)
@ExtendWith(SpringExtension.class)
@OverrideAutoConfiguration(enabled = false)
@TypeExcludeFilters(QTasksTypeExcludeFilter.class)
@AutoConfigureQTasks
@ImportAutoConfiguration
public @interface QTasksTest {

	/**
	 * Properties in {@code key=value} form added to the environment before the test runs;
	 * they win over the slice's own {@code qtasks.broker.type=memory} and
	 * {@code qtasks.worker.mode=inline}.
	 * @return the properties
	 */
	String[] properties() default {};

	/**
	 * The classes whose {@code @QTask} methods the test needs; when none is named, every
	 * component with a {@code @QTask} method.
	 * @return the task classes
	 * @see #tasks()
	 */
	@AliasFor("tasks")
	Class<?>[] value() default {};

	/**
	 * The classes whose {@code @QTask} methods the test needs; when none is named, every
	 * component with a {@code @QTask} method. {@code TaskMiddleware} components are
	 * included either way (they apply to every task).
	 * @return the task classes
	 * @see #value()
	 */
	@AliasFor("value")
	Class<?>[] tasks() default {};

	/**
	 * Whether tasks run (inline, on the thread that adds them). {@code false} turns the
	 * worker off ({@code qtasks.worker.enabled=false}): tasks stay queued in status
	 * {@code new}, and the {@link TaskRecorder} tells what was enqueued.
	 * @return whether tasks run
	 */
	@PropertyMapping("qtasks.worker.enabled")
	boolean runTasks() default true;

	/**
	 * Whether the default filters apply: the named task classes (or every component with
	 * a {@code @QTask} method) and {@code TaskMiddleware} components.
	 * @return whether the default filters apply
	 */
	boolean useDefaultFilters() default true;

	/**
	 * More components to include.
	 * @return the include filters
	 */
	Filter[] includeFilters() default {};

	/**
	 * Components to leave out.
	 * @return the exclude filters
	 */
	Filter[] excludeFilters() default {};

	/**
	 * Auto-configurations of the slice to leave out.
	 * @return the auto-configurations
	 */
	@AliasFor(annotation = ImportAutoConfiguration.class, attribute = "exclude")
	Class<?>[] excludeAutoConfiguration() default {};

}
