package io.qtasks.json;

import java.lang.reflect.Type;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import io.qtasks.Task;

/**
 * Converts between Java objects and the JSON values tasks carry (maps, lists, strings,
 * numbers, booleans, {@code null}) with the application's Jackson mapper. Every engine
 * stores these values, so a task sees the same arguments on any broker.
 * <p>
 * Payloads never pick the classes they become: the mapper used here is a copy of the
 * application's one with Jackson's default typing turned off, whatever the application
 * configured for its own JSON. With default typing, JSON such as
 * {@code ["com.acme.Gadget", {...}]} makes Jackson create the class it names, which is
 * Java deserialization by another name; without it, that JSON is a plain list. Types that
 * ask for class names themselves ({@code @JsonTypeInfo(use = CLASS)}) are found by
 * {@link #findClassNameTyping(Type)}, so that task parameters can refuse them.
 *
 * @author QTasks contributors
 */
public class TaskJsonMapper {

	private static final TypeReference<Map<String, Object>> JSON_OBJECT = new TypeReference<>() {
	};

	private static final int NULL_SIZE = "null".length();

	/**
	 * Instants with each length of fraction, and their JSON as {@link Instant#toString()}
	 * writes them.
	 */
	private static final Instant[] PROBE = { Instant.ofEpochSecond(1_796_150_413L),
			Instant.ofEpochSecond(1_796_150_413L, 120_000_000), Instant.ofEpochSecond(1_796_150_413L, 123_456_000),
			Instant.ofEpochSecond(1_796_150_413L, 123_456_789) };

	private static final String PROBE_JSON = "[\"2026-12-01T18:40:13Z\",\"2026-12-01T18:40:13.120Z\","
			+ "\"2026-12-01T18:40:13.123456Z\",\"2026-12-01T18:40:13.123456789Z\"]";

	private final JsonMapper mapper;

	private final JsonMapper recordMapper;

	private final ClassNameTyping classNameTyping;

	/**
	 * Creates a converter over a copy of a mapper without default typing.
	 * @param mapper the mapper, normally Boot's auto-configured one; its modules and
	 * settings are kept, its default typing (if any) is not
	 */
	public TaskJsonMapper(JsonMapper mapper) {
		this.mapper = mapper.rebuild().deactivateDefaultTyping().build();
		this.recordMapper = writesIsoInstants(this.mapper)
				? this.mapper.rebuild().addMixIn(Task.class, TaskRecordMixin.class).build() : this.mapper;
		this.classNameTyping = new ClassNameTyping(this.mapper);
	}

	/**
	 * The mapper tasks are converted with: the application's one without default typing.
	 * @return the mapper
	 */
	public JsonMapper getMapper() {
		return this.mapper;
	}

	/**
	 * The mapper engines store {@link Task} records with: {@link #getMapper()}, with the
	 * record's {@code createdAt} and {@code updatedAt} written and read by
	 * {@link IsoInstants} when that mapper writes instants as {@link Instant#toString()}
	 * does (Jackson's default), which is the same text at a fraction of the cost. When
	 * the application's mapper writes instants in another form (numbers, a pattern), this
	 * is {@link #getMapper()} itself, so that records keep the form they always had.
	 * Arguments and results are converted with {@link #getMapper()} in either case.
	 * @return the mapper for task records
	 */
	public JsonMapper getRecordMapper() {
		return this.recordMapper;
	}

	private static boolean writesIsoInstants(JsonMapper mapper) {
		try {
			return PROBE_JSON.equals(mapper.writeValueAsString(PROBE))
					&& Arrays.equals(PROBE, mapper.readValue(PROBE_JSON, Instant[].class));
		}
		catch (JacksonException | IllegalArgumentException ex) {
			return false;
		}
	}

	/**
	 * Finds where JSON bound to a type would name the Java class to create: a class,
	 * property or element type that uses {@code @JsonTypeInfo(use = CLASS)} or
	 * {@code MINIMAL_CLASS}, looked for in the type, the types of its properties and the
	 * elements of its collections, maps and arrays (a few levels deep). Logical type
	 * names ({@code use = NAME}) are fine: the JSON can only pick one of the declared
	 * subtypes.
	 * @param type the type, possibly generic
	 * @return where class names are used, such as
	 * {@code Envelope.payload has @JsonTypeInfo(use = CLASS)}, or empty
	 */
	public Optional<String> findClassNameTyping(Type type) {
		return this.classNameTyping.find(type);
	}

	/**
	 * Converts an object to its JSON value.
	 * @param value the object
	 * @return the JSON value
	 * @throws JsonConversionException when Jackson cannot write the object
	 */
	public @Nullable Object toJsonValue(@Nullable Object value) {
		if (value == null || isScalar(value)) {
			return scalar(value);
		}
		// A trip through JSON text gives exactly the values an engine that stores text
		// reads back.
		return read(write(value), value);
	}

	/**
	 * Converts a task's result to its JSON value, and measures its JSON text.
	 * @param value the result
	 * @return the JSON value and the length of its JSON text
	 * @throws JsonConversionException when Jackson cannot write the result
	 */
	public JsonValue toMeasuredJsonValue(@Nullable Object value) {
		if (value == null) {
			return new JsonValue(null, NULL_SIZE);
		}
		byte[] json = write(value);
		return new JsonValue(isScalar(value) ? scalar(value) : read(json, value), json.length);
	}

	/**
	 * Whether a value is its own JSON value (up to the width of a whole number).
	 */
	private static boolean isScalar(Object value) {
		return value instanceof String || value instanceof Boolean || value instanceof Integer
				|| value instanceof Double || value instanceof Long;
	}

	private static @Nullable Object scalar(@Nullable Object value) {
		if (value instanceof Long number) {
			return (number == number.intValue()) ? (Object) number.intValue() : number;
		}
		return value;
	}

	private byte[] write(Object value) {
		try {
			return this.mapper.writeValueAsBytes(value);
		}
		catch (IllegalArgumentException | JacksonException ex) {
			throw cannotWrite(value, ex);
		}
	}

	private @Nullable Object read(byte[] json, Object value) {
		try {
			return this.mapper.readValue(json, Object.class);
		}
		catch (IllegalArgumentException | JacksonException ex) {
			throw cannotWrite(value, ex);
		}
	}

	private static JsonConversionException cannotWrite(Object value, Exception ex) {
		return new JsonConversionException(
				"A " + value.getClass().getName() + " cannot be written as JSON: " + firstLine(ex.getMessage()), ex);
	}

	/**
	 * A JSON value and the length of its JSON text.
	 *
	 * @param value the JSON value
	 * @param size the length of its JSON text in bytes
	 */
	public record JsonValue(@Nullable Object value, int size) {
	}

	/**
	 * Converts a task's arguments to JSON values in one trip through JSON text, and
	 * measures that text.
	 * @param args the positional arguments
	 * @param kwargs the named arguments
	 * @return the JSON values and their size
	 * @throws JsonConversionException naming the argument that cannot be written
	 */
	public JsonArguments toJsonArguments(@Nullable Object[] args, Map<String, ?> kwargs) {
		if (args.length == 0 && kwargs.isEmpty()) {
			return new JsonArguments(List.of(), Map.of(), 0);
		}
		Map<String, Object> payload = new LinkedHashMap<>();
		payload.put("args", Arrays.asList(args));
		payload.put("kwargs", kwargs);
		byte[] json;
		try {
			json = this.mapper.writeValueAsBytes(payload);
		}
		catch (JacksonException ex) {
			throw culprit(args, kwargs, ex);
		}
		Map<String, Object> values = this.mapper.readValue(json, JSON_OBJECT);
		return new JsonArguments(listValue(values.get("args")), objectValue(values.get("kwargs")), json.length);
	}

	private JsonConversionException culprit(@Nullable Object[] args, Map<String, ?> kwargs, JacksonException failure) {
		for (int i = 0; i < args.length; i++) {
			try {
				toJsonValue(args[i]);
			}
			catch (JsonConversionException ex) {
				return new JsonConversionException("Argument " + i + ": " + ex.getMessage(), ex);
			}
		}
		for (Map.Entry<String, ?> kwarg : kwargs.entrySet()) {
			try {
				toJsonValue(kwarg.getValue());
			}
			catch (JsonConversionException ex) {
				return new JsonConversionException("Argument '" + kwarg.getKey() + "': " + ex.getMessage(), ex);
			}
		}
		return new JsonConversionException(
				"The arguments cannot be written as JSON: " + firstLine(failure.getMessage()), failure);
	}

	@SuppressWarnings("unchecked")
	private static List<Object> listValue(Object value) {
		return (List<Object>) value;
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> objectValue(Object value) {
		return (Map<String, Object>) value;
	}

	/**
	 * A task's arguments as JSON values.
	 *
	 * @param args the positional arguments
	 * @param kwargs the named arguments
	 * @param size the length of their JSON text in bytes
	 */
	public record JsonArguments(List<Object> args, Map<String, Object> kwargs, int size) {
	}

	/**
	 * Converts a JSON value to a Java type.
	 * @param value the JSON value
	 * @param type the target type, possibly generic
	 * @return the converted object
	 * @throws JsonConversionException when the value does not fit the type
	 */
	public @Nullable Object fromJsonValue(@Nullable Object value, Type type) {
		try {
			return this.mapper.convertValue(value, this.mapper.constructType(type));
		}
		catch (IllegalArgumentException | JacksonException ex) {
			throw new JsonConversionException(firstLine(ex.getMessage()), ex);
		}
	}

	private static String firstLine(@Nullable String message) {
		if (message == null) {
			return "";
		}
		int end = message.indexOf('\n');
		return (end < 0) ? message : message.substring(0, end);
	}

}
