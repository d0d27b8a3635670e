package io.qtasks.worker;

import java.time.Instant;

/**
 * A worker's dispatcher cannot receive tasks from its engine (Redis unreachable, say).
 * The worker keeps trying every second; running tasks go on.
 *
 * @param since when the first of the failures in a row happened
 * @param cause the latest failure
 * @author QTasks contributors
 */
public record BrokerFailure(Instant since, Throwable cause) {

}
