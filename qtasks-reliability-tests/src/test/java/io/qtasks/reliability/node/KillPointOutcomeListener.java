package io.qtasks.reliability.node;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.qtasks.Task;
import io.qtasks.TaskStatus;
import io.qtasks.engine.TaskRecordListener;

/**
 * The {@link KillPoints#AFTER_OUTCOME} kill point: a record listener that halts the JVM
 * when a {@code kill_point} task's {@code success} has been stored. The application's
 * listeners hear of a change before the engine moves the task's workflow on, so the node
 * dies between a step's outcome and the release of the steps after it.
 *
 * @author QTasks contributors
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "reliability.kill-point", havingValue = KillPoints.AFTER_OUTCOME)
class KillPointOutcomeListener {

	@Bean
	TaskRecordListener killPointOutcomeListener(KillPoints killPoints) {
		return (@Nullable Task previous, Task record) -> {
			if (KillPoints.TASK.equals(record.taskName()) && record.status() == TaskStatus.SUCCESS) {
				killPoints.reached(KillPoints.AFTER_OUTCOME, record.uuid());
			}
		};
	}

}
