package io.qtasks.json;

/**
 * A value that cannot be written as JSON, or a JSON value that does not fit a type.
 *
 * @author QTasks contributors
 */
public class JsonConversionException extends IllegalArgumentException {

	/**
	 * Creates an exception.
	 * @param message what could not be converted and why
	 * @param cause the Jackson failure
	 */
	public JsonConversionException(String message, Throwable cause) {
		super(message, cause);
	}

}
