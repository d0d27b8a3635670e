package io.qtasks.test.app;

import org.springframework.stereotype.Service;

import io.qtasks.QTasks;

/**
 * Code that only enqueues: signing up sends a welcome email, later.
 *
 * @author QTasks contributors
 */
@Service
public class SignupService {

	private final QTasks qtasks;

	public SignupService(QTasks qtasks) {
		this.qtasks = qtasks;
	}

	public void signUp(String email) {
		if (!email.contains("@")) {
			throw new IllegalArgumentException("Not an email address: " + email);
		}
		this.qtasks.task("send_email").args(email, "Welcome").priority(-1).add();
	}

}
