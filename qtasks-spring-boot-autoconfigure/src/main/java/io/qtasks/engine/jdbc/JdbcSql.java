package io.qtasks.engine.jdbc;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A statement written with named parameters ({@code :name}, each as often as needed), run
 * as a positional one: the flow statements use some parameters in several places, where a
 * named one reads better than a count of question marks. The template must not hold
 * {@code ::} casts (use {@code CAST}).
 *
 * @author QTasks contributors
 */
final class JdbcSql {

	private static final Pattern NAMED = Pattern.compile(":([a-zA-Z]\\w*)");

	private final String sql;

	private final List<String> names;

	private JdbcSql(String sql, List<String> names) {
		this.sql = sql;
		this.names = names;
	}

	/**
	 * Reads a template.
	 * @param template the SQL with named parameters
	 * @return the statement
	 */
	static JdbcSql of(String template) {
		List<String> names = new ArrayList<>();
		Matcher matcher = NAMED.matcher(template);
		StringBuilder sql = new StringBuilder();
		while (matcher.find()) {
			names.add(matcher.group(1));
			matcher.appendReplacement(sql, "?");
		}
		matcher.appendTail(sql);
		return new JdbcSql(sql.toString(), List.copyOf(names));
	}

	/**
	 * The positional SQL.
	 * @return the SQL
	 */
	String sql() {
		return this.sql;
	}

	/**
	 * The positional parameters.
	 * @param values the value of each name (a name may map to {@code null})
	 * @return the parameters in their order
	 * @throws IllegalArgumentException when a name has no value
	 */
	Object[] params(Map<String, ?> values) {
		Object[] params = new Object[this.names.size()];
		for (int i = 0; i < params.length; i++) {
			String name = this.names.get(i);
			if (!values.containsKey(name)) {
				throw new IllegalArgumentException("No value for :" + name);
			}
			params[i] = values.get(name);
		}
		return params;
	}

}
