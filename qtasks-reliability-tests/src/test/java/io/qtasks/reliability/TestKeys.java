package io.qtasks.reliability;

import java.util.ArrayList;
import java.util.List;

import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanIterator;
import io.lettuce.core.api.sync.RedisCommands;
import io.qtasks.testsupport.RedisTestServer;

/**
 * Cleans up after a scenario on the test Redis: the application's keys
 * ({@code qtasks:{<name>}:*}) and those its tasks and hooks wrote
 * ({@code reliability:{<name>}:*}), nothing else.
 *
 * @author QTasks contributors
 */
final class TestKeys {

	private TestKeys() {
	}

	/**
	 * Deletes the keys of one application and of its tasks.
	 * @param name the application's {@code qtasks.name}
	 */
	static void delete(String name) {
		RedisTestServer.get().deleteKeys(name);
		RedisCommands<String, String> redis = RedisTestServer.get().commands();
		ScanIterator<String> keys = ScanIterator.scan(redis,
				ScanArgs.Builder.matches("reliability:{" + name + "}:*").limit(500));
		List<String> batch = new ArrayList<>();
		while (keys.hasNext()) {
			batch.add(keys.next());
		}
		if (!batch.isEmpty()) {
			redis.del(batch.toArray(String[]::new));
		}
	}

	/**
	 * Checks the {@link RedisInvariants} of an application, then deletes its keys
	 * whatever the check found: for an {@code @AfterEach}.
	 * @param name the application's {@code qtasks.name}
	 */
	static void checkInvariantsAndDelete(String name) {
		try {
			RedisInvariants.assertHold(name);
		}
		finally {
			delete(name);
		}
	}

}
