package io.qtasks;

import java.util.AbstractList;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
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

	/**
	 * The most entries a frozen map keeps in one array, found by a scan; larger maps keep
	 * a hash map.
	 */
	private static final int SCANNED = 8;

	private static final List<Object> EMPTY_LIST = new FrozenList(new Object[0]);

	private static final Map<String, Object> EMPTY_MAP = new FrozenMap(new Object[0]);

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
		return (source instanceof FrozenMap) ? source : frozen(source, false);
	}

	/**
	 * Freezes the runtime's metadata, with the lists and maps it holds (the attempts):
	 * what is frozen already is kept as it is.
	 */
	static Map<String, Object> metadata(@Nullable Map<String, Object> source) {
		if (source == null || source.isEmpty()) {
			return EMPTY_MAP;
		}
		return (source instanceof FrozenMap) ? source : frozen(source, true);
	}

	private static Map<String, Object> frozen(Map<String, Object> source, boolean deep) {
		if (source.size() > SCANNED) {
			Map<String, Object> copy = new LinkedHashMap<>(source);
			if (deep) {
				copy.replaceAll((key, value) -> deepFrozen(value));
			}
			return new FrozenMap(copy);
		}
		Object[] entries = new Object[2 * source.size()];
		int at = 0;
		for (Map.Entry<String, Object> entry : source.entrySet()) {
			entries[at++] = entry.getKey();
			entries[at++] = deep ? deepFrozen(entry.getValue()) : entry.getValue();
		}
		return new FrozenMap(entries);
	}

	@SuppressWarnings("unchecked")
	private static @Nullable Object deepFrozen(@Nullable Object value) {
		if (value instanceof FrozenMap || value instanceof FrozenList) {
			return value;
		}
		if (value instanceof Map<?, ?> map && hasTextKeys(map)) {
			return map.isEmpty() ? EMPTY_MAP : frozen((Map<String, Object>) map, true);
		}
		if (value instanceof List<?> list) {
			Object[] elements = list.toArray();
			for (int i = 0; i < elements.length; i++) {
				elements[i] = deepFrozen(elements[i]);
			}
			return (elements.length == 0) ? EMPTY_LIST : new FrozenList(elements);
		}
		return value;
	}

	private static boolean hasTextKeys(Map<?, ?> map) {
		for (Object key : map.keySet()) {
			if (!(key instanceof String)) {
				return false;
			}
		}
		return true;
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

	/**
	 * An unmodifiable map in its source's order: keys and values side by side in one
	 * array when it is small (a record holds many small maps, and a hash map's table and
	 * entries take several times the room), else a hash map.
	 */
	private static final class FrozenMap extends AbstractMap<String, Object> {

		private final Object @Nullable [] entries;

		private final @Nullable Map<String, Object> large;

		FrozenMap(Object[] entries) {
			this.entries = entries;
			this.large = null;
		}

		FrozenMap(Map<String, Object> large) {
			this.entries = null;
			this.large = large;
		}

		@Override
		public @Nullable Object get(@Nullable Object key) {
			if (this.large != null) {
				return this.large.get(key);
			}
			int at = indexOf(key);
			return (at >= 0) ? this.entries[at + 1] : null;
		}

		@Override
		public boolean containsKey(@Nullable Object key) {
			return (this.large != null) ? this.large.containsKey(key) : indexOf(key) >= 0;
		}

		@Override
		public int size() {
			return (this.large != null) ? this.large.size() : this.entries.length / 2;
		}

		@Override
		public Set<Entry<String, Object>> entrySet() {
			if (this.large != null) {
				return Collections.unmodifiableMap(this.large).entrySet();
			}
			return new AbstractSet<>() {

				@Override
				public Iterator<Entry<String, Object>> iterator() {
					return new Iterator<>() {

						private int at;

						@Override
						public boolean hasNext() {
							return this.at < FrozenMap.this.entries.length;
						}

						@Override
						public Entry<String, Object> next() {
							if (!hasNext()) {
								throw new NoSuchElementException();
							}
							Object[] entries = FrozenMap.this.entries;
							this.at += 2;
							return new SimpleImmutableEntry<>((String) entries[this.at - 2], entries[this.at - 1]);
						}

					};
				}

				@Override
				public int size() {
					return FrozenMap.this.size();
				}

			};
		}

		private int indexOf(@Nullable Object key) {
			Object[] entries = this.entries;
			for (int at = 0; at < entries.length; at += 2) {
				if (entries[at].equals(key)) {
					return at;
				}
			}
			return -1;
		}

	}

}
