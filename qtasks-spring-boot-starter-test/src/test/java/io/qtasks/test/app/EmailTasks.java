package io.qtasks.test.app;

import java.io.FileNotFoundException;
import java.io.IOException;

import org.springframework.stereotype.Component;

import io.qtasks.TaskContext;
import io.qtasks.annotation.Backoff;
import io.qtasks.annotation.QTask;

/**
 * Tasks of the test application.
 *
 * @author QTasks contributors
 */
@Component
public class EmailTasks {

	@QTask(name = "send_email")
	public String sendEmail(String to, String subject) {
		return "sent '" + subject + "' to " + to;
	}

	@QTask(name = "count_words")
	public int countWords(String text) {
		return text.isBlank() ? 0 : text.trim().split("\\s+").length;
	}

	@QTask(name = "upload", retry = 2, retryOn = IOException.class, backoff = @Backoff(delay = "10m"))
	public String upload(int failures, TaskContext ctx) throws IOException {
		if (ctx.attempt() <= failures) {
			throw new IOException("Upload timed out (attempt " + ctx.attempt() + ")");
		}
		return "uploaded";
	}

	@QTask(name = "read_template")
	public String readTemplate(String name) throws IOException {
		throw new FileNotFoundException("No template " + name);
	}

	@QTask(name = "send_newsletter")
	public void sendNewsletter(int recipients, TaskContext ctx) {
		if (recipients == 0) {
			ctx.cancel("no recipients");
		}
	}

}
