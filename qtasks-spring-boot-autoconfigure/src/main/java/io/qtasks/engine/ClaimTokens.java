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

	private static String hex(long bits) {
		String digits = Long.toHexString(bits);
		return "0".repeat(16 - digits.length()) + digits;
	}

}
