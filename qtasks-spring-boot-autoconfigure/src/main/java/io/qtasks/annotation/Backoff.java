package io.qtasks.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The pause between the attempts of a task, set as {@link QTask#backoff()}. The first
 * retry waits {@link #delay()}; each further one waits {@link #multiplier()} times longer
 * than the one before, never more than {@link #maxDelay()}; {@link #jitter()} spreads the
 * pauses randomly so that many failing tasks do not retry in lockstep. Durations are
 * written as {@code "500ms"}, {@code "2s"} or {@code "PT1M"}. Every attribute left unset
 * takes its {@code qtasks.retry.backoff.*} default.
 *
 * <pre class="code">
 * &#64;QTask(retry = 5, backoff = &#64;Backoff(delay = "1s", multiplier = 2, maxDelay = "30s", jitter = "200ms"))
 * public void syncAccount(String accountId) { ... }
 * </pre>
 *
 * The pause sleeps on the task's thread: cancelling the task or its timeout ends it
 * early.
 *
 * @author QTasks contributors
 * @see org.springframework.util.backoff.ExponentialBackOff
 */
@Target({})
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface Backoff {

	/**
	 * Marks {@link #multiplier()} as not set.
	 */
	double DEFAULT_MULTIPLIER = 0;

	/**
	 * The pause before the first retry, such as {@code "1s"}. Empty takes
	 * {@code qtasks.retry.backoff.delay} (0 by default: no pause).
	 * @return the delay
	 */
	String delay() default "";

	/**
	 * How much longer each pause is than the one before; 1 keeps the pause fixed. Unset
	 * takes {@code qtasks.retry.backoff.multiplier} (1 by default).
	 * @return the multiplier, at least 1
	 */
	double multiplier() default DEFAULT_MULTIPLIER;

	/**
	 * The longest pause a growing backoff reaches. Empty takes
	 * {@code qtasks.retry.backoff.max-delay} (30s by default). A cap below
	 * {@link #delay()} never shortens the first pause.
	 * @return the cap
	 */
	String maxDelay() default "";

	/**
	 * A random spread applied to each pause (plus or minus, growing with the multiplier,
	 * never below {@link #delay()} nor above {@link #maxDelay()}). Empty takes
	 * {@code qtasks.retry.backoff.jitter} (none by default).
	 * @return the jitter
	 */
	String jitter() default "";

}
