package io.qtasks.test.app;

import org.springframework.stereotype.Component;

import io.qtasks.annotation.QTask;

/**
 * Other tasks of the test application.
 *
 * @author QTasks contributors
 */
@Component
public class InvoiceTasks {

	/**
	 * An invoice line.
	 *
	 * @param item what was sold
	 * @param cents its price
	 */
	public record Line(String item, long cents) {
	}

	@QTask(name = "total_invoice")
	public long total(java.util.List<Line> lines) {
		return lines.stream().mapToLong(Line::cents).sum();
	}

}
