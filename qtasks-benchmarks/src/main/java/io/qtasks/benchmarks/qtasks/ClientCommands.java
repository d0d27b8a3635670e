package io.qtasks.benchmarks.qtasks;

import java.net.SocketAddress;
import java.util.concurrent.atomic.LongAdder;

import io.lettuce.core.metrics.CommandLatencyRecorder;
import io.lettuce.core.protocol.ProtocolKeyword;

/**
 * Counts the commands the Redis client of the harness' nodes completed: Lettuce reports
 * every command it got a reply to. The engine never pipelines, so each command is one
 * round trip of the thread that sent it. One count for the whole JVM, since the harness
 * runs one node at a time.
 *
 * @author QTasks contributors
 */
final class ClientCommands implements CommandLatencyRecorder {

	private static final LongAdder completed = new LongAdder();

	/**
	 * The commands completed so far.
	 * @return the count
	 */
	static long completed() {
		return completed.sum();
	}

	@Override
	public void recordCommandLatency(SocketAddress local, SocketAddress remote, ProtocolKeyword commandType,
			long firstResponseLatency, long completionLatency) {
		completed.increment();
	}

}
