package io.qtasks;

import java.util.AbstractList;
import java.util.AbstractMap;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * Unmodifiable copies of the JSON collections a {@link Task} holds. Unlike
 * {@code List.copyOf} they keep {@code null} elements (JSON {@code null}), and a copy of
 * a copy is the same instance, so deriving a record from another does not copy its
 * arguments again.
 *
 * @author QTasks contributors
 */
final class FrozenJson {

	private static final List<Object> EMPTY_LIST = new FrozenList(new Object[0]);

	private static final Map<String, Object> EMPTY_MAP = new FrozenMap(Map.of());

	private FrozenJson() {
	}

	static List<Object> list(@Nullable List<Object> source) {
		if (source == null || source.isEmpty()) {
			return EMPTY_LIST;
		}
		return (source instanceof FrozenList) ? source : new FrozenList(source.toArray());
	}

	static Map<String, Object> map(@Nullable Map<String, Object> source) {
		if (source == null || source.isEmpty()) {
			return EMPTY_MAP;
		}
		return (source instanceof FrozenMap) ? source : new FrozenMap(new LinkedHashMap<>(source));
	}

	/**
	 * Freezes a map the caller built and will not touch again, without copying it.
	 */
	static Map<String, Object> adopt(LinkedHashMap<String, Object> source) {
		return source.isEmpty() ? EMPTY_MAP : new FrozenMap(source);
	}

	private static final class FrozenList extends AbstractList<Object> implements RandomAccess {

		private final Object[] elements;

		FrozenList(Object[] elements) {
			this.elements = elements;
		}

		@Override
		public Object get(int index) {
			return this.elements[index];
		}

		@Override
		public int size() {
			return this.elements.length;
		}

	}

	private static final class FrozenMap extends AbstractMap<String, Object> {

		private final Map<String, Object> entries;

		FrozenMap(Map<String, Object> entries) {
			this.entries = entries;
		}

		@Override
		public @Nullable Object get(@Nullable Object key) {
			return this.entries.get(key);
		}

		@Override
		public boolean containsKey(@Nullable Object key) {
			return this.entries.containsKey(key);
		}

		@Override
		public int size() {
			return this.entries.size();
		}

		@Override
		public Set<Entry<String, Object>> entrySet() {
			return Collections.unmodifiableMap(this.entries).entrySet();
		}

	}

}
