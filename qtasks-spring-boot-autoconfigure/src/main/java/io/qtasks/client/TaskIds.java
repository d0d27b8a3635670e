package io.qtasks.client;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Creates task uuids: random (version 4) uuids drawn from {@link ThreadLocalRandom}.
 * {@code UUID.randomUUID()} draws from one shared {@code SecureRandom}, which threads
 * that enqueue in parallel contend for; a task uuid names a record and is no secret, so a
 * per-thread generator suffices.
 *
 * @author QTasks contributors
 */
final class TaskIds {

	private static final long VERSION_MASK = 0xFFFFFFFFFFFF0FFFL;

	private static final long VERSION_4 = 0x0000000000004000L;

	private static final long VARIANT_MASK = 0x3FFFFFFFFFFFFFFFL;

	private static final long VARIANT_IETF = 0x8000000000000000L;

	private TaskIds() {
	}

	static UUID next() {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		return new UUID((random.nextLong() & VERSION_MASK) | VERSION_4,
				(random.nextLong() & VARIANT_MASK) | VARIANT_IETF);
	}

}
