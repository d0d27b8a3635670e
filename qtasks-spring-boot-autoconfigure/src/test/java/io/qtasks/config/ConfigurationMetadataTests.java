package io.qtasks.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The configuration metadata that IDEs complete {@code application.yml} from: every
 * {@code qtasks.*} property is described, has its default (unless it has none), and is
 * listed in {@code docs/configuration.md}.
 *
 * @author QTasks contributors
 */
class ConfigurationMetadataTests {

	/**
	 * Properties whose default is "unset" or empty.
	 */
	private static final Set<String> WITHOUT_DEFAULT = Set.of("qtasks.default-timeout",
			"qtasks.redis.heartbeat-interval", "qtasks.jdbc.heartbeat-interval", "qtasks.worker.queues",
			"qtasks.worker.queue-concurrency");

	private static final Path CONFIGURATION_DOC = Path.of("..", "docs", "configuration.md");

	@Test
	void everyPropertyIsDescribedWithItsDefault() throws IOException {
		List<Map<String, Object>> properties = qtasksProperties();
		assertThat(properties).extracting((property) -> property.get("name"))
			.contains("qtasks.name", "qtasks.broker.type", "qtasks.worker.concurrency", "qtasks.redis.lease",
					"qtasks.storage.finished-ttl", "management.health.qtasks.enabled");
		assertThat(properties).allSatisfy((property) -> {
			assertThat((String) property.get("description")).as("description of %s", property.get("name")).isNotBlank();
			if (!WITHOUT_DEFAULT.contains(property.get("name"))) {
				assertThat(property).as("default of %s", property.get("name")).containsKey("defaultValue");
			}
		});
	}

	@Test
	void docsListEveryProperty() throws IOException {
		String doc = Files.readString(CONFIGURATION_DOC);
		assertThat(qtasksProperties())
			.allSatisfy((property) -> assertThat(doc).as("docs/configuration.md lists %s", property.get("name"))
				.contains("`" + property.get("name") + "`"));
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> qtasksProperties() throws IOException {
		try (InputStream in = new ClassPathResource("META-INF/spring-configuration-metadata.json").getInputStream()) {
			Map<String, Object> metadata = JsonMapper.builder().build().readValue(in, Map.class);
			return ((List<Map<String, Object>>) metadata.get("properties")).stream()
				.filter((property) -> ((String) property.get("name")).startsWith("qtasks.")
						|| ((String) property.get("name")).contains(".qtasks."))
				.toList();
		}
	}

}
