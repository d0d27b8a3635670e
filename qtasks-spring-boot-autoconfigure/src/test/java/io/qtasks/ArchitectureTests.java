package io.qtasks;

import java.io.ObjectInputStream;

import org.springframework.data.redis.core.RedisTemplate;
import org.springframework.data.redis.serializer.JdkSerializationRedisSerializer;
import org.springframework.data.redis.serializer.RedisSerializer;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.core.domain.JavaCall.Predicates.target;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.nameStartingWith;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The layering of the runtime, stated as rules.
 *
 * @author QTasks contributors
 */
@AnalyzeClasses(packages = "io.qtasks", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

	/**
	 * The packages of engines: {@code io.qtasks.engine.<technology>}, not the
	 * engine-neutral core nor the SPI.
	 */
	private static final DescribedPredicate<JavaClass> ENGINE_IMPLEMENTATIONS = new DescribedPredicate<>(
			"reside in an engine's package (io.qtasks.engine.<technology>..)") {

		@Override
		public boolean test(JavaClass type) {
			String name = type.getPackageName();
			return name.startsWith("io.qtasks.engine.") && !name.equals("io.qtasks.engine.spi")
					&& !name.startsWith("io.qtasks.engine.spi.");
		}

	};

	@ArchTest
	static final ArchRule nothingDependsOnAutoConfiguration = noClasses().that()
		.resideOutsideOfPackage("io.qtasks.autoconfigure..")
		.should()
		.dependOnClassesThat()
		.resideInAPackage("io.qtasks.autoconfigure..")
		.because("the runtime must be usable without Spring Boot's auto-configuration");

	@ArchTest
	static final ArchRule publicApiDoesNotDependOnEngines = noClasses().that()
		.resideInAnyPackage("io.qtasks", "io.qtasks.annotation", "io.qtasks.middleware")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("io.qtasks.engine..", "io.qtasks.worker..", "io.qtasks.execution..")
		.because("the public API must not change with the engine in use");

	@ArchTest
	static final ArchRule runtimeImportsNoEngine = noClasses().that()
		.resideInAnyPackage("io.qtasks.worker..", "io.qtasks.execution..", "io.qtasks.client..",
				"io.qtasks.invocation..", "io.qtasks.actuate..")
		.should()
		.dependOnClassesThat(ENGINE_IMPLEMENTATIONS)
		.because("the worker, the client, the invocation and the actuator talk to every engine through"
				+ " TaskEngine and the engine SPI, so that a new engine is added without touching them");

	@ArchTest
	static final ArchRule engineImplementationsAreWiredOnlyByAutoConfiguration = classes().that(ENGINE_IMPLEMENTATIONS)
		.should()
		.onlyHaveDependentClassesThat()
		.resideInAnyPackage("io.qtasks.engine..", "io.qtasks.autoconfigure..")
		.because("engines are chosen and wired by the auto-configuration only");

	@ArchTest
	static final ArchRule runtimeTakesSettingsNotProperties = noClasses().that()
		.resideOutsideOfPackages("io.qtasks.autoconfigure..", "io.qtasks.config..", "io.qtasks.context..")
		.and()
		.doNotHaveFullyQualifiedName(TaskContext.class.getName())
		.should()
		.dependOnClassesThat()
		.resideInAPackage("io.qtasks.config..")
		.because("runtime classes take small settings objects that the auto-configuration maps from the"
				+ " properties (QTasksProperties and its groups); only the task's context hands the bound"
				+ " configuration to tasks");

	@ArchTest
	static final ArchRule packagesAreFreeOfCycles = slices().matching("io.qtasks.(*)..").should().beFreeOfCycles();

	@ArchTest
	static final ArchRule noJavaDeserialization = noClasses().should()
		.dependOnClassesThat()
		.areAssignableTo(ObjectInputStream.class)
		.because("task payloads are JSON; Java deserialization of untrusted bytes is never used");

	@ArchTest
	static final ArchRule noJavaDeserializationThroughSpring = noClasses().should()
		.dependOnClassesThat()
		.haveFullyQualifiedName(JdkSerializationRedisSerializer.class.getName())
		.orShould()
		.dependOnClassesThat()
		.resideInAPackage("org.springframework.core.serializer..")
		.orShould()
		.dependOnClassesThat()
		.haveFullyQualifiedName("org.springframework.util.SerializationUtils")
		.orShould()
		.dependOnClassesThat()
		.haveFullyQualifiedName(RedisTemplate.class.getName())
		.orShould()
		.callMethod(RedisSerializer.class, "java")
		.orShould()
		.callMethod(RedisSerializer.class, "java", ClassLoader.class)
		.because("Spring's Java serialization helpers deserialize untrusted bytes into objects, and so does a"
				+ " RedisTemplate with its default (JDK) serializer; QTasks talks to Redis through"
				+ " StringRedisTemplate and stores JSON");

	@ArchTest
	static final ArchRule noPolymorphicJsonTyping = noClasses().should()
		.callMethodWhere(target(nameStartingWith("activateDefaultTyping")))
		.because("JSON that names the classes to create is Java deserialization by another name");

}
