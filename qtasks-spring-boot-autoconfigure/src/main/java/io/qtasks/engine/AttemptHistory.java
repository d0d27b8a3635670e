package io.qtasks.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import io.qtasks.Task;

/**
 * The attempts a record lists in {@code extra.attempts}, each with the worker node that
 * ran it, when it started and ended and, when it failed, why. An attempt without an end
 * was lost: the worker running it died or lost its claim.
 * <p>
 * Attempts that do not change are taken over from the record as they are (a record
 * freezes the maps its metadata holds), not copied: a record's history is read several
 * times per task. The entries it adds or changes are plain maps, frozen by the record
 * they go into.
 *
 * @author QTasks contributors
 */
final class AttemptHistory {

	static final String LOST = "lost: the worker running it stopped or lost its claim before the attempt ended";

	private static final String ATTEMPT = "attempt";

	private static final String NODE = "node";

	private static final String STARTED_AT = "startedAt";

	private static final String ENDED_AT = "endedAt";

	private static final String ERROR = "error";

	private final List<Map<String, Object>> attempts;

	private AttemptHistory(Task record) {
		if (record.extra().get(TaskExtras.ATTEMPTS) instanceof List<?> recorded) {
			this.attempts = new ArrayList<>(recorded.size() + 1);
			for (Object entry : recorded) {
				if (entry instanceof Map<?, ?> map) {
					this.attempts.add(attempt(map));
				}
			}
		}
		else {
			this.attempts = new ArrayList<>(1);
		}
	}

	/**
	 * An attempt as recorded (frozen by its record); copied only when one of its keys is
	 * not a string (never in JSON).
	 */
	@SuppressWarnings("unchecked")
	private static Map<String, Object> attempt(Map<?, ?> recorded) {
		for (Object key : recorded.keySet()) {
			if (!(key instanceof String)) {
				Map<String, Object> attempt = new LinkedHashMap<>();
				recorded.forEach((name, value) -> attempt.put(String.valueOf(name), value));
				return attempt;
			}
		}
		return (Map<String, Object>) recorded;
	}

	static AttemptHistory of(Task record) {
		return new AttemptHistory(record);
	}

	/**
	 * How many attempts never ended.
	 */
	int lost() {
		int lost = 0;
		for (Map<String, Object> attempt : this.attempts) {
			if (!attempt.containsKey(ENDED_AT)) {
				lost++;
			}
		}
		return lost;
	}

	/**
	 * Marks the attempts that never ended as lost.
	 * @return whether any was marked
	 */
	boolean markLost() {
		return markLost(null);
	}

	/**
	 * Marks the attempts that never ended as lost, saying why when it is known.
	 * @param why what ended them, or {@code null}
	 * @return whether any was marked
	 */
	boolean markLost(@Nullable String why) {
		boolean marked = false;
		for (int i = 0; i < this.attempts.size(); i++) {
			Map<String, Object> attempt = this.attempts.get(i);
			if (!attempt.containsKey(ENDED_AT) && !attempt.containsKey(ERROR)) {
				this.attempts.set(i, with(attempt, ERROR, (why != null) ? "lost: " + why : LOST));
				marked = true;
			}
		}
		return marked;
	}

	/**
	 * Adds a running attempt.
	 * @param attempt its number
	 * @param now when it started, as ISO-8601 text
	 * @param node the worker node that runs it, or {@code null}
	 */
	void start(int attempt, String now, @Nullable String node) {
		Map<String, Object> entry = new LinkedHashMap<>();
		entry.put(ATTEMPT, attempt);
		if (node != null) {
			entry.put(NODE, node);
		}
		entry.put(STARTED_AT, now);
		this.attempts.add(entry);
	}

	/**
	 * Ends the running attempt, if one runs: the last one, neither ended nor lost.
	 * @param now when, as ISO-8601 text
	 * @param error why it failed, or {@code null}
	 */
	void end(String now, @Nullable String error) {
		int last = this.attempts.size() - 1;
		if (last < 0) {
			return;
		}
		Map<String, Object> attempt = this.attempts.get(last);
		if (attempt.containsKey(ENDED_AT) || attempt.containsKey(ERROR)) {
			return;
		}
		Map<String, Object> ended = new LinkedHashMap<>(attempt);
		ended.put(ENDED_AT, now);
		if (error != null) {
			ended.put(ERROR, error);
		}
		this.attempts.set(last, ended);
	}

	/**
	 * The attempts of a record with its running attempt ended.
	 * @param record the record
	 * @param now when the attempt ended, as ISO-8601 text
	 * @param error why it failed, or {@code null}
	 * @return the attempts
	 */
	static List<Map<String, Object>> ended(Task record, String now, @Nullable String error) {
		AttemptHistory history = of(record);
		history.end(now, error);
		return history.snapshot();
	}

	List<Map<String, Object>> snapshot() {
		return List.copyOf(this.attempts);
	}

	private static Map<String, Object> with(Map<String, Object> attempt, String key, Object value) {
		Map<String, Object> changed = new LinkedHashMap<>(attempt);
		changed.put(key, value);
		return changed;
	}

}
