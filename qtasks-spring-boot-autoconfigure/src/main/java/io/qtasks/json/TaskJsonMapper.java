package io.qtasks.json;

import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Converts between Java objects and the JSON values tasks carry (maps, lists, strings,
 * numbers, booleans, {@code null}) with the application's Jackson mapper. Every engine
 * stores these values, so a task sees the same arguments on any broker.
 *
 * @author QTasks contributors
 */
public class TaskJsonMapper {

	private final JsonMapper mapper;

	/**
	 * Creates a converter over a mapper.
	 * @param mapper the mapper, normally Boot's auto-configured one
	 */
	public TaskJsonMapper(JsonMapper mapper) {
		this.mapper = mapper;
	}

	/**
	 * The underlying mapper.
	 * @return the mapper
	 */
	public JsonMapper getMapper() {
		return this.mapper;
	}

	/**
	 * Converts an object to its JSON value.
	 * @param value the object
	 * @return the JSON value
	 * @throws JsonConversionException when Jackson cannot write the object
	 */
	public Object toJsonValue(Object value) {
		if (value == null || value instanceof String || value instanceof Boolean || value instanceof Integer
				|| value instanceof Double) {
			return value;
		}
		if (value instanceof Long number) {
			return (number == number.intValue()) ? (Object) number.intValue() : number;
		}
		try {
			// A trip through JSON text gives exactly the values an engine that stores
			// text reads back.
			return this.mapper.readValue(this.mapper.writeValueAsBytes(value), Object.class);
		}
		catch (IllegalArgumentException | JacksonException ex) {
			throw new JsonConversionException(
					"A " + value.getClass().getName() + " cannot be written as JSON: " + firstLine(ex.getMessage()),
					ex);
		}
	}

	/**
	 * Converts positional arguments to JSON values.
	 * @param args the arguments
	 * @return the JSON values
	 * @throws JsonConversionException naming the argument that cannot be written
	 */
	public List<Object> toJsonValues(Object[] args) {
		List<Object> values = new ArrayList<>(args.length);
		for (int i = 0; i < args.length; i++) {
			try {
				values.add(toJsonValue(args[i]));
			}
			catch (JsonConversionException ex) {
				throw new JsonConversionException("Argument " + i + ": " + ex.getMessage(), ex);
			}
		}
		return values;
	}

	/**
	 * Converts named arguments to JSON values.
	 * @param kwargs the arguments
	 * @return the JSON values, in the same order
	 * @throws JsonConversionException naming the argument that cannot be written
	 */
	public Map<String, Object> toJsonObject(Map<String, ?> kwargs) {
		Map<String, Object> values = new LinkedHashMap<>();
		kwargs.forEach((name, value) -> {
			try {
				values.put(name, toJsonValue(value));
			}
			catch (JsonConversionException ex) {
				throw new JsonConversionException("Argument '" + name + "': " + ex.getMessage(), ex);
			}
		});
		return values;
	}

	/**
	 * Converts a JSON value to a Java type.
	 * @param value the JSON value
	 * @param type the target type, possibly generic
	 * @return the converted object
	 * @throws JsonConversionException when the value does not fit the type
	 */
	public Object fromJsonValue(Object value, Type type) {
		try {
			return this.mapper.convertValue(value, this.mapper.constructType(type));
		}
		catch (IllegalArgumentException | JacksonException ex) {
			throw new JsonConversionException(firstLine(ex.getMessage()), ex);
		}
	}

	private static String firstLine(String message) {
		if (message == null) {
			return "";
		}
		int end = message.indexOf('\n');
		return (end < 0) ? message : message.substring(0, end);
	}

}
