package io.qtasks.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

import io.qtasks.definition.TaskDefinitionException;

/**
 * Explains a start-up that failed on an invalid {@code @QTask} declaration.
 *
 * @author QTasks contributors
 */
class TaskDefinitionFailureAnalyzer extends AbstractFailureAnalyzer<TaskDefinitionException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, TaskDefinitionException cause) {
		return new FailureAnalysis(cause.getMessage(),
				"Fix the @QTask declaration named above. Task names must be unique, echo = true needs a TaskSelf"
						+ " parameter, executor must name an Executor bean, retryPolicy a RetryPolicy bean,"
						+ " timeout and backoff durations read like \"30s\", rateLimit like \"100/1m\", queue names are"
						+ " letters, digits, '.', '_' and '-', maxConcurrency is 0 or more, and parameter types must not let the"
						+ " JSON name classes (@JsonTypeInfo(use = Id.NAME) with @JsonSubTypes instead of"
						+ " Id.CLASS).",
				cause);
	}

}
