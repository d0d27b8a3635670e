package io.qtasks.autoconfigure;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.qtasks.invocation.BeanValidationArgumentValidator;
import io.qtasks.invocation.TaskArgumentValidator;

/**
 * The part of {@link QTasksAutoConfiguration} that validates task arguments with Bean
 * Validation, when it is on the class path and the worker is enabled.
 *
 * @author QTasks contributors
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(name = "jakarta.validation.Validator")
@ConditionalOnBooleanProperty(name = "qtasks.worker.enabled", matchIfMissing = true)
class ArgumentValidationConfiguration {

	@Bean
	@ConditionalOnMissingBean(TaskArgumentValidator.class)
	@ConditionalOnSingleCandidate(jakarta.validation.Validator.class)
	BeanValidationArgumentValidator qtasksBeanValidationArgumentValidator(jakarta.validation.Validator validator) {
		return new BeanValidationArgumentValidator(validator);
	}

}
