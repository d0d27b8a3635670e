package io.qtasks.engine.jdbc;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

/**
 * The group commit that {@link JdbcClaimGroups} and {@link JdbcGroupedWrites} share:
 * callers that arrive while another group's statement runs queue up, and the first of
 * them to get its turn takes a group from the queue (its own call among them) and runs it
 * as one statement, settling every call of the group. Each caller returns once its own
 * call is settled, with its result or with the statement's exception. Without contention
 * a call runs at once, in a group of its own. A caller waits for its call uninterruptibly
 * (its statement may be on its way) and keeps its interrupt.
 *
 * @param <C> the calls
 * @author QTasks contributors
 */
final class JdbcGroupedCalls<C extends JdbcGroupedCalls.Call<?>> {

	private final Function<List<C>, List<C>> take;

	private final Consumer<List<C>> run;

	private final Object monitor = new Object();

	private final List<C> queue = new ArrayList<>();

	private boolean running;

	/**
	 * Creates the groups.
	 * @param take removes the next group from the waiting calls (in arrival order) and
	 * answers it; it must take the first call
	 * @param run runs one group as one statement and settles each of its calls
	 */
	JdbcGroupedCalls(Function<List<C>, List<C>> take, Consumer<List<C>> run) {
		this.take = take;
		this.run = run;
	}

	/**
	 * Makes a call in the next group and waits until it is settled.
	 * @param <R> its result
	 * @param call the call
	 * @return its result
	 */
	<R> R call(Call<R> call) {
		@SuppressWarnings("unchecked")
		C mine = (C) call;
		synchronized (this.monitor) {
			this.queue.add(mine);
		}
		while (true) {
			List<C> group;
			synchronized (this.monitor) {
				awaitTurn(mine);
				if (mine.isDone()) {
					return call.outcome();
				}
				this.running = true;
				List<C> rest = new ArrayList<>(this.queue);
				rest.remove(mine);
				rest.add(0, mine);
				group = this.take.apply(rest);
				this.queue.removeAll(group);
			}
			try {
				this.run.accept(group);
			}
			catch (RuntimeException ex) {
				group.stream().filter((each) -> !each.isDone()).forEach((each) -> each.fail(ex));
			}
			finally {
				synchronized (this.monitor) {
					this.running = false;
					this.monitor.notifyAll();
				}
			}
			if (mine.isDone()) {
				return call.outcome();
			}
		}
	}

	private void awaitTurn(C mine) {
		boolean interrupted = false;
		while (this.running && !mine.isDone()) {
			try {
				this.monitor.wait();
			}
			catch (InterruptedException ex) {
				interrupted = true;
			}
		}
		if (interrupted) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * One caller's call: settled once, with a result or an exception.
	 *
	 * @param <R> the result
	 */
	abstract static class Call<R> {

		private volatile boolean done;

		private @Nullable R result;

		private @Nullable RuntimeException failure;

		boolean isDone() {
			return this.done;
		}

		void succeed(R result) {
			this.result = result;
			this.done = true;
		}

		void fail(RuntimeException failure) {
			this.failure = failure;
			this.done = true;
		}

		R outcome() {
			if (this.failure != null) {
				throw this.failure;
			}
			return this.result;
		}

	}

}
