package io.qtasks.definition;

import java.lang.reflect.Type;

/**
 * One parameter of a task method and how it is filled.
 *
 * @param index the parameter's position in the method
 * @param name the parameter's name (compile with {@code -parameters}), used for kwargs
 * @param type the parameter's generic type
 * @param kind what fills the parameter
 * @author QTasks contributors
 */
public record TaskParameter(int index, String name, Type type, Kind kind) {

	/**
	 * What fills a parameter.
	 */
	public enum Kind {

		/** A value bound from the task's JSON args or kwargs. */
		VALUE,

		/** The task itself ({@link io.qtasks.TaskSelf}). */
		SELF,

		/** The run's {@link io.qtasks.TaskContext}. */
		CONTEXT

	}

	/**
	 * A readable form such as {@code ReportRequest request}.
	 * @return the description
	 */
	public String describe() {
		// drop packages and enclosing classes: java.util.List<com.acme.Reports$Line> is
		// List<Line>
		String typeName = this.type.getTypeName().replaceAll("[\\w$]+\\.", "").replaceAll("\\w+\\$", "");
		return typeName + " " + this.name;
	}

}
