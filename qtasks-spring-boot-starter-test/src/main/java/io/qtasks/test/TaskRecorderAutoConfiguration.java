package io.qtasks.test;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

import io.qtasks.autoconfigure.QTasksAutoConfiguration;
import io.qtasks.json.TaskJsonMapper;

/**
 * Auto-configuration of the {@link TaskRecorder} in tests: a record listener that the
 * engine tells of every enqueue.
 *
 * @author QTasks contributors
 */
@AutoConfiguration(after = QTasksAutoConfiguration.class)
public final class TaskRecorderAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean(TaskJsonMapper.class)
	TaskRecorder qtasksTaskRecorder(TaskJsonMapper json) {
		return new TaskRecorder(json);
	}

}
