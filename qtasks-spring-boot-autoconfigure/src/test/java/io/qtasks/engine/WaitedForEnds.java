package io.qtasks.engine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import io.qtasks.QTasks;
import io.qtasks.Task;
import io.qtasks.TaskStatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The run that shows which ends of tasks an engine announces: five tasks nobody waits for
 * run to the end, then a task that a caller waits for, held until the caller's node is
 * listed as waiting (a task that ends before is read by its waiter instead, and announced
 * to nobody). The test listens to the engine's channel meanwhile and expects the last
 * task's uuid alone.
 *
 * @author QTasks contributors
 */
public final class WaitedForEnds {

	private WaitedForEnds() {
	}

	/**
	 * Runs the tasks, with {@link EngineTestTasks} and a {@link TaskProbe} in the
	 * application.
	 * @param qtasks the application's client
	 * @param probe the application's probe
	 * @param listedNodes how many nodes the engine lists as waiting
	 * @param wait how long each step may take
	 * @return the task that was waited for, finished
	 * @throws Exception when the wait fails
	 */
	public static Task run(QTasks qtasks, TaskProbe probe, LongSupplier listedNodes, Duration wait) throws Exception {
		List<UUID> unwatched = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			unwatched.add(qtasks.addTask("echo", "nobody waits " + i).uuid());
		}
		await().atMost(wait)
			.until(() -> unwatched.stream()
				.allMatch((uuid) -> qtasks.get(uuid).map(Task::status).orElse(null) == TaskStatus.SUCCESS));
		Task held = qtasks.addTask("hold", "a caller waits");
		CompletableFuture<Optional<Task>> waiting = CompletableFuture
			.supplyAsync(() -> qtasks.waitResult(held.uuid(), wait));
		await().atMost(wait).until(() -> listedNodes.getAsLong() == 1);
		probe.open("a caller waits");
		Task awaited = waiting.get(wait.toMillis(), TimeUnit.MILLISECONDS).orElseThrow();
		assertThat(awaited.status()).isEqualTo(TaskStatus.SUCCESS);
		return awaited;
	}

}
