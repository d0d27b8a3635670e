package io.qtasks.engine.redis;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;

import io.qtasks.engine.spi.DeadLetter;
import io.qtasks.engine.spi.FlowStats;

/**
 * Reads the replies of {@code flow-stats.lua} and the entries of the dead letters list.
 *
 * @author QTasks contributors
 */
final class RedisFlowStatsReply {

	private static final int LANE_FIELDS = 5;

	private RedisFlowStatsReply() {
	}

	static FlowStats read(List<?> reply, RedisTaskCodec codec) {
		int at = 0;
		int laneCount = number(reply.get(at++));
		List<FlowStats.Lane> lanes = new ArrayList<>(laneCount);
		for (int i = 0; i < laneCount; i++, at += LANE_FIELDS) {
			String limitKey = text(reply.get(at + 2));
			lanes.add(new FlowStats.Lane(text(reply.get(at)), text(reply.get(at + 1)),
					limitKey.isEmpty() ? null : limitKey, number(reply.get(at + 3)),
					"1".equals(text(reply.get(at + 4)))));
		}
		Map<String, Long> runningByTask = new TreeMap<>();
		int pairs = number(reply.get(at++));
		for (int i = 0; i + 1 < pairs; i += 2, at += 2) {
			String taskName = taskName(text(reply.get(at)), codec);
			if (taskName != null) {
				runningByTask.merge(taskName, (long) number(reply.get(at + 1)), Long::sum);
			}
		}
		Map<String, Long> runningByQueue = new TreeMap<>();
		pairs = number(reply.get(at++));
		for (int i = 0; i + 1 < pairs; i += 2, at += 2) {
			runningByQueue.put(text(reply.get(at)), (long) number(reply.get(at + 1)));
		}
		return new FlowStats(lanes, runningByTask, runningByQueue);
	}

	static DeadLetter deadLetter(String stored, RedisTaskCodec codec) {
		try {
			Map<?, ?> fields = codec.readValue(stored, Map.class);
			Object at = fields.get("at");
			return new DeadLetter(String.valueOf(fields.get("entry")), String.valueOf(fields.get("reason")),
					(at instanceof Number millis) ? Instant.ofEpochMilli(millis.longValue()) : null);
		}
		catch (RuntimeException ex) {
			return new DeadLetter(stored, "not written by QTasks", null);
		}
	}

	/**
	 * The task name of a field of {@code running}, a JSON array {@code [name, key]}, or
	 * {@code null} for a field written by another program.
	 */
	private static @Nullable String taskName(String field, RedisTaskCodec codec) {
		try {
			List<?> parts = codec.readValue(field, List.class);
			return (!parts.isEmpty() && parts.get(0) instanceof String name) ? name : null;
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

	private static String text(Object value) {
		return String.valueOf(value);
	}

	private static int number(Object value) {
		if (value instanceof Number number) {
			return number.intValue();
		}
		try {
			return (int) Double.parseDouble(String.valueOf(value));
		}
		catch (NumberFormatException ex) {
			return 0;
		}
	}

}
