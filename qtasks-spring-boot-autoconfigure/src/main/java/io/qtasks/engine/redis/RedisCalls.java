package io.qtasks.engine.redis;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * Runs Redis calls that an interrupt must not cut short. Lettuce abandons a command whose
 * caller is interrupted although Redis still runs it, which would lose a claim. Task
 * threads shield their writes from interrupts themselves ({@code TaskRun#shielded}); a
 * receiver that waits for work, and that the worker interrupts to stop it, hands its
 * claim to a helper thread here and waits for it, keeping its interrupt for afterwards.
 *
 * @author QTasks contributors
 */
final class RedisCalls implements AutoCloseable {

	private final ExecutorService helper = Executors.newCachedThreadPool(daemonThreads());

	/**
	 * Runs a call on a helper thread and waits for it, whatever interrupts the caller.
	 * @param <T> the result type
	 * @param call the call
	 * @return its result
	 */
	<T> T uninterruptibly(Callable<T> call) {
		Future<T> result = this.helper.submit(call);
		boolean interrupted = false;
		try {
			while (true) {
				try {
					return result.get();
				}
				catch (InterruptedException ex) {
					interrupted = true;
				}
				catch (ExecutionException ex) {
					if (ex.getCause() instanceof RuntimeException runtime) {
						throw runtime;
					}
					if (ex.getCause() instanceof Error error) {
						throw error;
					}
					throw new IllegalStateException(ex.getCause());
				}
			}
		}
		finally {
			if (interrupted) {
				Thread.currentThread().interrupt();
			}
		}
	}

	@Override
	public void close() {
		this.helper.shutdown();
	}

	private static CustomizableThreadFactory daemonThreads() {
		CustomizableThreadFactory factory = new CustomizableThreadFactory("qtasks-redis-call-");
		factory.setDaemon(true);
		return factory;
	}

}
