package io.qtasks.benchmarks.report;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

import io.qtasks.benchmarks.result.BenchmarkResults;

/**
 * Records the machine the figures come from: CPU, cores, memory, OS, JDK, heap, GC and
 * the load when the run started (other processes make figures noisy).
 *
 * @author QTasks contributors
 */
public final class MachineInfo {

	private MachineInfo() {
	}

	/**
	 * Adds the machine's facts to the results.
	 * @param results where they go
	 */
	public static void describe(BenchmarkResults results) {
		results.environment("CPU", cpuModel().orElse(System.getProperty("os.arch")));
		results.environment("Cores", String.valueOf(Runtime.getRuntime().availableProcessors()));
		memoryTotal().ifPresent((memory) -> results.environment("Memory", memory));
		results.environment("OS", System.getProperty("os.name") + " " + System.getProperty("os.version"));
		results.environment("JDK", System.getProperty("java.vm.vendor") + " " + System.getProperty("java.vm.name") + " "
				+ System.getProperty("java.runtime.version"));
		results.environment("Heap",
				String.format(Locale.ROOT, "max %,d MiB, %s", Runtime.getRuntime().maxMemory() / (1024 * 1024),
						ManagementFactory.getGarbageCollectorMXBeans()
							.stream()
							.map(GarbageCollectorMXBean::getName)
							.collect(Collectors.joining(" + "))));
		double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
		if (load >= 0) {
			results.environment("Load average at start", String.format(Locale.ROOT, "%.2f", load));
		}
	}

	private static Optional<String> cpuModel() {
		return lines(Path.of("/proc/cpuinfo")).stream()
			.filter((line) -> line.startsWith("model name"))
			.map((line) -> line.substring(line.indexOf(':') + 1).trim())
			.findFirst();
	}

	private static Optional<String> memoryTotal() {
		return lines(Path.of("/proc/meminfo")).stream()
			.filter((line) -> line.startsWith("MemTotal:"))
			.map((line) -> line.replaceAll("[^0-9]", ""))
			.filter((kib) -> !kib.isEmpty())
			.map((kib) -> String.format(Locale.ROOT, "%.1f GiB", Long.parseLong(kib) / (1024.0 * 1024.0)))
			.findFirst();
	}

	private static List<String> lines(Path file) {
		try {
			return Files.readAllLines(file);
		}
		catch (IOException | RuntimeException ex) {
			return List.of();
		}
	}

}
