package io.qtasks.invocation;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.util.ClassUtils;

/**
 * Waits for the value of async task methods: those returning a {@code CompletionStage}
 * (such as a {@code CompletableFuture}), a {@code Future}, or a Reactor {@code Mono} when
 * Reactor is on the class path. The task's result is the value; its failure is the
 * failure the value completed with. An interrupt of the waiting thread (a cancel, a
 * timeout, a shutdown) cancels the value.
 *
 * @author QTasks contributors
 */
final class AsyncResults {

	private static final boolean REACTOR_PRESENT = ClassUtils.isPresent("reactor.core.publisher.Mono",
			AsyncResults.class.getClassLoader());

	private AsyncResults() {
	}

	/**
	 * Waits for the value of a method's output.
	 * @param output what the method returned
	 * @param whilePending run once before waiting, when the value is not there yet
	 * @return the value
	 * @throws InterruptedException when the wait was interrupted (the value is then
	 * cancelled)
	 * @throws Exception the failure the value completed with
	 */
	static @Nullable Object await(@Nullable Object output, Runnable whilePending) throws Exception {
		Future<?> future = future(output);
		if (future == null) {
			return output;
		}
		if (!future.isDone()) {
			whilePending.run();
		}
		try {
			return future.get();
		}
		catch (InterruptedException ex) {
			future.cancel(true);
			throw ex;
		}
		catch (ExecutionException ex) {
			Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
			if (cause instanceof Exception exception) {
				throw exception;
			}
			if (cause instanceof Error error) {
				throw error;
			}
			throw ex;
		}
		catch (CancellationException ex) {
			throw new IllegalStateException("The value the task returned was cancelled before it completed", ex);
		}
	}

	private static @Nullable Future<?> future(@Nullable Object output) {
		if (output instanceof Future<?> future) {
			return future;
		}
		if (output instanceof CompletionStage<?> stage) {
			return stage.toCompletableFuture();
		}
		return (REACTOR_PRESENT) ? ReactorValues.toFuture(output) : null;
	}

	/**
	 * Keeps the Reactor types out of {@link AsyncResults} so that it loads without
	 * Reactor.
	 */
	private static final class ReactorValues {

		static @Nullable CompletableFuture<?> toFuture(@Nullable Object output) {
			return (output instanceof Mono<?> mono) ? mono.toFuture() : null;
		}

	}

}
