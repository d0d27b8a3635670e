package io.qtasks.sample;

import java.time.LocalDate;
import java.util.List;

import org.springframework.stereotype.Component;

import io.qtasks.TaskContext;
import io.qtasks.annotation.QTask;

/**
 * A task with typed arguments and a typed result, both carried as JSON.
 *
 * @author QTasks contributors
 */
@Component
public class ReportTasks {

	/**
	 * What to report on.
	 *
	 * @param customer the customer
	 * @param from first day, inclusive
	 * @param to last day, inclusive
	 * @param lines the invoice lines to total
	 */
	public record ReportRequest(String customer, LocalDate from, LocalDate to, List<Line> lines) {
	}

	/**
	 * One invoice line.
	 *
	 * @param item what was sold
	 * @param quantity how many
	 * @param unitPriceCents the price of one, in cents
	 */
	public record Line(String item, int quantity, long unitPriceCents) {
	}

	/**
	 * The report.
	 *
	 * @param customer the customer
	 * @param days how many days the report covers
	 * @param totalCents the sum of all lines, in cents
	 * @param items the items sold
	 */
	public record Report(String customer, long days, long totalCents, List<String> items) {
	}

	@QTask(name = "build_report", tags = "reports", description = "Totals a customer's invoice lines over a period")
	public Report buildReport(ReportRequest request, TaskContext ctx) {
		ctx.getLogger()
			.info("Building the report of {} from {} to {}", request.customer(), request.from(), request.to());
		long total = request.lines().stream().mapToLong((line) -> line.quantity() * line.unitPriceCents()).sum();
		long days = request.to().toEpochDay() - request.from().toEpochDay() + 1;
		return new Report(request.customer(), days, total, request.lines().stream().map(Line::item).toList());
	}

}
