package io.qtasks.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A Spring Boot application with a few {@code @QTask} methods and a REST endpoint that
 * enqueues them. Runs on the embedded in-memory broker unless configured otherwise.
 *
 * @author QTasks contributors
 */
@SpringBootApplication
public class SampleApplication {

	public static void main(String[] args) {
		SpringApplication.run(SampleApplication.class, args);
	}

}
