package io.qtasks.worker;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.UUID;

/**
 * Names worker nodes: host, process id and a random suffix, so that two nodes in one
 * process (or two processes on one host) never share an id.
 *
 * @author QTasks contributors
 */
final class WorkerIds {

	/**
	 * The name of the host this process runs on.
	 */
	static final String HOST = hostName();

	private WorkerIds() {
	}

	/**
	 * A new worker id.
	 * @return the id, e.g. {@code web-1:4242:1a2b3c4d}
	 */
	static String next() {
		return HOST + ":" + ManagementFactory.getRuntimeMXBean().getPid() + ":"
				+ UUID.randomUUID().toString().substring(0, 8);
	}

	private static String hostName() {
		try {
			return InetAddress.getLocalHost().getHostName();
		}
		catch (UnknownHostException ex) {
			return "unknown-host";
		}
	}

}
