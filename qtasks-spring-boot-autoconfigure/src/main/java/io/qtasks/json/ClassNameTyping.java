package io.qtasks.json;

import java.lang.reflect.Type;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.AnnotationIntrospector;
import tools.jackson.databind.DeserializationConfig;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.introspect.Annotated;
import tools.jackson.databind.introspect.AnnotatedClass;
import tools.jackson.databind.introspect.BeanPropertyDefinition;
import tools.jackson.databind.introspect.ClassIntrospector;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.jsontype.NamedType;

/**
 * Finds where JSON bound to a type names the Java class to create: a class or a property
 * with {@code @JsonTypeInfo(use = CLASS)} or {@code MINIMAL_CLASS}, as Jackson sees them
 * (supertypes and mix-ins included). Follows the properties of beans and records, the
 * elements of collections, arrays and optionals, the values of maps and the declared
 * subtypes of logically typed classes, a bounded number of levels and types deep.
 *
 * @author QTasks contributors
 */
final class ClassNameTyping {

	/**
	 * How many properties or elements deep a search follows a type.
	 */
	private static final int MAX_DEPTH = 8;

	/**
	 * How many types one search looks at, at most.
	 */
	private static final int MAX_TYPES = 256;

	private final JsonMapper mapper;

	ClassNameTyping(JsonMapper mapper) {
		this.mapper = mapper;
	}

	/**
	 * Finds the first place in a type that uses class names as type ids.
	 * @param type the type
	 * @return that place and its annotation, such as
	 * {@code Envelope.payload has @JsonTypeInfo(use = CLASS)}, or empty
	 */
	Optional<String> find(Type type) {
		JavaType root = this.mapper.constructType(type);
		return new Search(this.mapper.deserializationConfig()).find(root, shortName(type.getTypeName()), 0);
	}

	/**
	 * A type name without packages or enclosing classes:
	 * {@code java.util.List<com.acme.Reports$Line>} is {@code List<Line>}.
	 */
	private static String shortName(String typeName) {
		return typeName.replaceAll("[\\w$]+\\.", "").replaceAll("\\w+\\$", "");
	}

	private static boolean isPlatformType(Class<?> type) {
		String name = type.getName();
		return type.isPrimitive() || type.isEnum() || name.startsWith("java.") || name.startsWith("javax.")
				|| name.startsWith("jdk.");
	}

	/**
	 * One search: the types seen so far.
	 */
	private static final class Search {

		private final DeserializationConfig config;

		private final ClassIntrospector introspector;

		private final AnnotationIntrospector annotations;

		private final Set<JavaType> seen = new HashSet<>();

		Search(DeserializationConfig config) {
			this.config = config;
			this.introspector = config.classIntrospectorInstance();
			this.annotations = config.getAnnotationIntrospector();
		}

		Optional<String> find(JavaType type, String path, int depth) {
			if (depth > MAX_DEPTH || this.seen.size() >= MAX_TYPES || !this.seen.add(type)) {
				return Optional.empty();
			}
			AnnotatedClass annotated = this.introspector.introspectClassAnnotations(type);
			String onClass = classNameTyping(annotated);
			if (onClass != null) {
				String typeName = shortName(type.getRawClass().getName());
				return Optional.of((depth == 0) ? path + " has " + onClass
						: path + " is a " + typeName + ", which has " + onClass);
			}
			if (type.isContainerType() || type.isReferenceType()) {
				// map keys are read from strings, never from typed JSON
				return find(type.getContentType(), path + "[]", depth + 1);
			}
			if (isPlatformType(type.getRawClass())) {
				return Optional.empty();
			}
			return properties(type, annotated, path, depth).or(() -> subtypes(type, annotated, path, depth));
		}

		private Optional<String> properties(JavaType type, AnnotatedClass annotated, String path, int depth) {
			List<BeanPropertyDefinition> properties;
			try {
				properties = this.introspector.introspectForDeserialization(type, annotated).findProperties();
			}
			catch (JacksonException | IllegalArgumentException ex) {
				// Jackson cannot bind the type at all; binding will say so
				return Optional.empty();
			}
			for (BeanPropertyDefinition property : properties) {
				String where = path + "." + property.getName();
				Optional<String> onProperty = Stream
					.of(property.getField(), property.getSetter(), property.getConstructorParameter(),
							property.getGetter())
					.filter(Objects::nonNull)
					.map(this::classNameTyping)
					.filter(Objects::nonNull)
					.findFirst();
				if (onProperty.isPresent()) {
					return Optional.of(where + " has " + onProperty.get());
				}
				Optional<String> inside = find(property.getPrimaryType(), where, depth + 1);
				if (inside.isPresent()) {
					return inside;
				}
			}
			return Optional.empty();
		}

		private Optional<String> subtypes(JavaType type, AnnotatedClass annotated, String path, int depth) {
			for (NamedType subtype : this.config.getSubtypeResolver()
				.collectAndResolveSubtypesByClass(this.config, annotated)) {
				if (subtype.getType() != type.getRawClass()) {
					Optional<String> inside = find(this.config.constructType(subtype.getType()),
							path + " as " + shortName(subtype.getType().getName()), depth + 1);
					if (inside.isPresent()) {
						return inside;
					}
				}
			}
			return Optional.empty();
		}

		private @Nullable String classNameTyping(Annotated annotated) {
			JsonTypeInfo.Value info = this.annotations.findPolymorphicTypeInfo(this.config, annotated);
			if (info == null) {
				return null;
			}
			JsonTypeInfo.Id id = info.getIdType();
			return (id == JsonTypeInfo.Id.CLASS || id == JsonTypeInfo.Id.MINIMAL_CLASS)
					? "@JsonTypeInfo(use = " + id.name() + ")" : null;
		}

	}

}
