package io.qtasks.sample;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import io.qtasks.QTasks;
import io.qtasks.Task;
import io.qtasks.sample.ReportTasks.Line;
import io.qtasks.sample.ReportTasks.Report;
import io.qtasks.sample.ReportTasks.ReportRequest;
import io.qtasks.test.QTasksTest;
import io.qtasks.test.TaskRecorder;

import static io.qtasks.test.QTasksAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code build_report} with typed arguments and result, tested inline.
 *
 * @author QTasks contributors
 */
@QTasksTest(tasks = ReportTasks.class)
class ReportTasksTests {

	@Autowired
	private QTasks qtasks;

	@Autowired
	private TaskRecorder recorder;

	@Test
	void totalsTheLinesOfThePeriod() {
		ReportRequest request = new ReportRequest("acme", LocalDate.of(2026, 11, 1), LocalDate.of(2026, 11, 30),
				List.of(new Line("pen", 3, 150), new Line("ink", 1, 900)));
		Task task = this.qtasks.task("build_report").kwarg("request", request).add();
		assertThat(task).succeeded()
			.returning(Report.class)
			.isEqualTo(new Report("acme", 30, 1350, List.of("pen", "ink")));
		assertThat(this.recorder.enqueued("build_report")).singleElement()
			.satisfies((enqueued) -> assertThat(enqueued.kwarg("request", ReportRequest.class)).isEqualTo(request));
	}

}
