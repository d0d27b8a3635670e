package io.qtasks.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.core.annotation.AliasFor;

import io.qtasks.GenerateHandler;
import io.qtasks.Misfire;
import io.qtasks.TaskDecoder;
import io.qtasks.middleware.TaskMiddleware;

/**
 * Marks a public method of a Spring bean as a task (QTasks' {@code @app.task}). The
 * method runs on a worker when a task with its name is enqueued through
 * {@link io.qtasks.QTasks}.
 *
 * <pre class="code">
 * &#64;QTask(name = "send_report", retry = 2, retryOn = IOException.class,
 *         backoff = &#64;Backoff(delay = "1s", multiplier = 2, maxDelay = "30s"))
 * public String sendReport(String month, int copies) { ... }
 * </pre>
 *
 * Classes named in attributes ({@link #decode()}, {@link #generateHandler()},
 * {@link #middlewaresBefore()}, {@link #middlewaresAfter()}) are taken from the
 * application context when a bean of that type exists, else instantiated with autowiring.
 *
 * @author QTasks contributors
 */
@Target({ ElementType.METHOD, ElementType.ANNOTATION_TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface QTask {

	/**
	 * Marks {@link #priority()} as not set: the task takes
	 * {@code qtasks.default-priority}.
	 */
	int DEFAULT_PRIORITY = Integer.MIN_VALUE;

	/**
	 * Marks {@link #retry()} as not set: the task takes {@code qtasks.retry.retries}.
	 */
	int DEFAULT_RETRY = -1;

	/**
	 * Alias for {@link #name()}.
	 * @return the task name
	 */
	@AliasFor("name")
	String value() default "";

	/**
	 * The task name; any string is legal. Defaults to the method name.
	 * @return the task name
	 */
	@AliasFor("value")
	String name() default "";

	/**
	 * Free tags describing the task.
	 * @return the tags
	 */
	String[] tags() default {};

	/**
	 * A human-readable description, shown by the actuator endpoint.
	 * @return the description
	 */
	String description() default "";

	/**
	 * The priority of the task's runs; lower runs first. Defaults to
	 * {@code qtasks.default-priority} (0).
	 * @return the priority
	 */
	int priority() default DEFAULT_PRIORITY;

	/**
	 * How many times a failed run is retried (attempts = retry + 1). Defaults to
	 * {@code qtasks.retry.retries} (0).
	 * @return the number of retries
	 */
	int retry() default DEFAULT_RETRY;

	/**
	 * The exception types (and their subclasses) that lead to a retry; empty retries any
	 * exception. Cancellation is never retried.
	 * @return the exception types
	 */
	Class<? extends Throwable>[] retryOn() default {};

	/**
	 * The pause between a failed attempt and the next one: fixed, or growing by a
	 * multiplier up to a cap, with optional jitter. Unset attributes take
	 * {@code qtasks.retry.backoff.*} (by default no pause).
	 * @return the backoff settings
	 */
	Backoff backoff() default @Backoff;

	/**
	 * The name of a spring-retry {@link org.springframework.retry.RetryPolicy} bean that
	 * decides which failed attempts are retried, in place of the policy built from
	 * {@link #retry()} and {@link #retryOn()}. Cancellation, timeouts and invalid
	 * arguments are still never retried; {@link #backoff()} still applies. Empty uses
	 * {@code retry} and {@code retryOn}.
	 * @return the bean name
	 */
	String retryPolicy() default "";

	/**
	 * Whether the method receives the task itself as a {@link io.qtasks.TaskSelf}
	 * parameter. The method must then declare one.
	 * @return the flag
	 */
	boolean echo() default false;

	/**
	 * Whether the worker slot is free while the value of an async method is pending. A
	 * method returning a {@code CompletableFuture} (any {@code CompletionStage} or
	 * {@code Future}) or, with Reactor, a {@code Mono} finishes when its value does:
	 * {@code success} with the value, {@code error} with its failure (retried as any
	 * failure); the timeout applies, and a cancel cancels the value. By default the run
	 * holds its worker slot until then; with {@code async = true} it gives the slot back
	 * while it waits, so that other tasks run meanwhile (the waiting run keeps a thread
	 * of the worker pool, parked). Only allowed on methods that return such a value.
	 * @return the flag
	 */
	boolean async() default false;

	/**
	 * The decoder that turns the return value into the stored result. The default stores
	 * the value as JSON through the application's Jackson mapper.
	 * @return the decoder type
	 */
	Class<? extends TaskDecoder> decode() default TaskDecoder.class;

	/**
	 * The handler applied to every element of a generator task's output (a method
	 * returning a {@code Stream}, {@code Iterator}, {@code Iterable} or, with Reactor, a
	 * {@code Flux}); the handled elements are collected into the list that is the result.
	 * The default keeps elements as they are.
	 * @return the handler type
	 */
	Class<? extends GenerateHandler> generateHandler() default GenerateHandler.class;

	/**
	 * The name of the {@link java.util.concurrent.Executor} bean to run the task on.
	 * Empty runs it on the worker pool. {@code qtasks.worker.concurrency} bounds the
	 * tasks running at once on any executor.
	 * @return the bean name
	 */
	String executor() default "";

	/**
	 * Middlewares that run before the call, after the global {@link TaskMiddleware}
	 * beans.
	 * @return the middleware types
	 */
	Class<? extends TaskMiddleware>[] middlewaresBefore() default {};

	/**
	 * Middlewares that run after the call, before the global {@link TaskMiddleware}
	 * beans.
	 * @return the middleware types
	 */
	Class<? extends TaskMiddleware>[] middlewaresAfter() default {};

	/**
	 * The longest a run may take, as a duration such as {@code "30s"} or {@code "PT2M"}
	 * (QTasks' {@code max_time}): all its attempts and the pauses between them. A longer
	 * run is interrupted and ends as {@code error} with a
	 * {@link java.util.concurrent.TimeoutException} in its traceback; it is not retried.
	 * Empty takes {@code qtasks.default-timeout}.
	 * @return the timeout
	 */
	String timeout() default "";

	/**
	 * Free {@code key=value} entries, available as {@link io.qtasks.TaskSelf#extra()}.
	 * @return the entries
	 */
	String[] extra() default {};

	/**
	 * Makes the task recurring on a cron expression, in Spring's syntax: six fields, the
	 * first one seconds ({@code "0 0 3 * * *"} is every night at 3), or a macro such as
	 * {@code "@hourly"} or {@code "@daily"}. Each due time fires once per application,
	 * however many nodes run: one task whose uuid is derived from the task name and the
	 * due time. Worker nodes fire it; client-only nodes do not. Empty: not on a cron.
	 * Cannot be combined with {@link #fixedRate()}.
	 * @return the cron expression
	 * @see io.qtasks.TaskSchedules
	 */
	String cron() default "";

	/**
	 * The time zone {@link #cron()} is read in, such as {@code "Europe/Paris"}. Empty:
	 * the node's default zone (set it when nodes run in different zones).
	 * @return the zone id
	 */
	String zone() default "";

	/**
	 * Makes the task recurring at a fixed rate, a duration such as {@code "10s"} or
	 * {@code "PT1H"}: due when the schedule is first stored (when the first worker node
	 * with this task starts), then every rate after it, whatever the runs take. Each due
	 * time fires once per application. Empty: not at a fixed rate. Cannot be combined
	 * with {@link #cron()}.
	 * @return the rate
	 */
	String fixedRate() default "";

	/**
	 * The arguments of each firing of a {@link #cron()} or {@link #fixedRate()} schedule,
	 * as JSON text: an array for positional arguments ({@code "[\"EUR\", 3]"}), an object
	 * for named ones ({@code "{\"currency\": \"EUR\"}"}). Empty: no arguments.
	 * @return the JSON text
	 */
	String args() default "";

	/**
	 * What a {@link #cron()} or {@link #fixedRate()} schedule does with the due times
	 * missed while no node fired it: fire them once ({@link Misfire#RUN_ONCE}, the
	 * default) or skip to the next one ({@link Misfire#SKIP}).
	 * @return the policy
	 */
	Misfire misfire() default Misfire.RUN_ONCE;

	/**
	 * The named queue the task's runs wait in; a node works the queues of
	 * {@code qtasks.worker.queues} (all by default), each with its own share of the
	 * worker's slots ({@code qtasks.worker.queue-concurrency.<queue>}). Names are
	 * letters, digits, {@code .}, {@code _} and {@code -}. A request may name another
	 * queue ({@link io.qtasks.TaskRequest#queue(String)}).
	 * @return the queue's name
	 */
	String queue() default "default";

	/**
	 * The most runs of this task at once across every node that shares the engine; 0 for
	 * no cap. Runs over the cap wait in the engine, holding no worker slot and letting
	 * the tasks queued behind them run, and start as soon as a run ends. With a
	 * {@link io.qtasks.TaskRequest#limitKey(String) limit key} the cap holds per key.
	 * @return the cap
	 */
	int maxConcurrency() default 0;

	/**
	 * The most starts of this task per window across every node, as
	 * {@code <count>/<window>} with the window in {@code s}, {@code m} or {@code h}, such
	 * as {@code "100/1m"}: at most that many starts in any window of that length. Runs
	 * over the rate wait in the engine, like those over the cap. With a
	 * {@link io.qtasks.TaskRequest#limitKey(String) limit key} the rate holds per key.
	 * Empty for no rate limit.
	 * @return the rate limit
	 */
	String rateLimit() default "";

}
