package io.qtasks.invocation;

import java.util.List;
import java.util.stream.Collectors;

import jakarta.validation.Validator;
import org.jspecify.annotations.Nullable;

import org.springframework.context.MessageSourceResolvable;
import org.springframework.validation.FieldError;
import org.springframework.validation.beanvalidation.MethodValidationAdapter;
import org.springframework.validation.method.MethodValidationResult;
import org.springframework.validation.method.ParameterErrors;
import org.springframework.validation.method.ParameterValidationResult;

import io.qtasks.definition.TaskDefinition;
import io.qtasks.definition.TaskParameter;

/**
 * Validates task arguments with Bean Validation, as Spring validates method arguments:
 * {@code @Valid} parameters are validated in depth and constraints on parameters (such as
 * {@code @NotBlank String customer}) are checked. Needs a Bean Validation provider; the
 * auto-configuration uses the application's {@link Validator} bean.
 *
 * @author QTasks contributors
 */
public class BeanValidationArgumentValidator implements TaskArgumentValidator {

	private final MethodValidationAdapter adapter;

	/**
	 * Creates a validator.
	 * @param validator the Bean Validation validator
	 */
	public BeanValidationArgumentValidator(Validator validator) {
		this.adapter = new MethodValidationAdapter(validator);
	}

	@Override
	public void validate(TaskDefinition definition, @Nullable Object[] arguments) {
		MethodValidationResult result = this.adapter.validateArguments(definition.bean(), definition.method(), null,
				arguments, this.adapter.determineValidationGroups(definition.bean(), definition.method()));
		if (!result.hasErrors()) {
			return;
		}
		String problems = result.getParameterValidationResults()
			.stream()
			.map((parameterResult) -> describe(definition, parameterResult))
			.collect(Collectors.joining("; "));
		throw new TaskArgumentException("Task '" + definition.name() + "' got invalid arguments: " + problems);
	}

	private static String describe(TaskDefinition definition, ParameterValidationResult result) {
		int index = result.getMethodParameter().getParameterIndex();
		String parameter = definition.parameters()
			.stream()
			.filter((candidate) -> candidate.index() == index)
			.map(TaskParameter::describe)
			.findFirst()
			.orElse("#" + index);
		List<String> errors = (result instanceof ParameterErrors parameterErrors)
				? parameterErrors.getAllErrors().stream().map(BeanValidationArgumentValidator::describe).toList()
				: result.getResolvableErrors().stream().map(MessageSourceResolvable::getDefaultMessage).toList();
		return "parameter '" + parameter + "' " + String.join(", ", errors);
	}

	private static String describe(MessageSourceResolvable error) {
		return (error instanceof FieldError fieldError) ? fieldError.getField() + " " + fieldError.getDefaultMessage()
				: error.getDefaultMessage();
	}

}
