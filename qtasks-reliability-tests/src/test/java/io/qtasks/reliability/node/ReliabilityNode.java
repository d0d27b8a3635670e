package io.qtasks.reliability.node;

import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;

/**
 * A QTasks application that the reliability tests start in JVMs of their own, to kill,
 * stop and restart them as an operator would. Configured by command-line arguments
 * ({@code --qtasks.broker.type=redis}, {@code --spring.data.redis.port=…}); it has no web
 * server and runs the {@link ReliabilityTasks}; with {@code --reliability.release=new}
 * also the {@link NewReleaseTasks}, and with {@code --reliability.kill-point=…} it halts
 * at that point of a run ({@link KillPoints}).
 *
 * @author QTasks contributors
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import({ ReliabilityTasks.class, StartupTasks.class, NewReleaseTasks.class, KillPoints.class,
		KillPointObservation.class, KillPointOutcomeListener.class })
public class ReliabilityNode {

	public static void main(String[] args) {
		SpringApplication application = new SpringApplication(ReliabilityNode.class);
		application
			.setDefaultProperties(Map.of("spring.main.web-application-type", "none", "spring.main.banner-mode", "off"));
		application.run(args);
	}

}
