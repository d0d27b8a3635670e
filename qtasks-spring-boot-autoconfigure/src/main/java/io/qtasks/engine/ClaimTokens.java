package io.qtasks.engine;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Creates claim tokens: 128 random bits as 32 hex digits. Tokens are random rather than
 * counted, so that a store that lost recent writes (a restart from an older snapshot, a
 * failover before replication) cannot hand the same token to two claims.
 *
 * @author QTasks contributors
 */
public final class ClaimTokens {

	private ClaimTokens() {
	}

	/**
	 * A new token.
	 * @return 32 lowercase hex digits
	 */
	public static String next() {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		return hex(random.nextLong()) + hex(random.nextLong());
	}

	/**
	 * A base for the tokens of one claim of several tasks in a store that makes each
	 * token itself (the Redis claim script, the JDBC claim statements): 96 random bits as
	 * 24 hex digits, to which the store appends 8 hex digits of each task's number within
	 * the claim. One value travels per claim, however many tasks it may take, and tokens
	 * stay random across claims.
	 * @return 24 lowercase hex digits
	 */
	public static String base() {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		return hex(random.nextLong()) + hex(random.nextLong()).substring(8);
	}

	private static String hex(long bits) {
		String digits = Long.toHexString(bits);
		return "0".repeat(16 - digits.length()) + digits;
	}

}
