package io.switchboard.bench.suite;

import java.nio.file.Path;
import java.util.List;

/**
 * How the suite was asked to run: the java binary, how to start a server node, the driver's class
 * path, where the peer lives and whether it may be installed, where results go, the scale, the
 * workloads, and the command line to quote in the report.
 *
 * @param serverCommand the arguments after {@code java} that run a node ({@code -jar JAR} or
 *     {@code -cp CLASSPATH io.switchboard.server.Main})
 * @param peerDir the peer's folder, or null when there is none
 *
 * <p>Immutable and thread-safe.
 */
public record BenchOptions(String java, List<String> serverCommand, String classPath,
    Path peerDir, boolean peerInstall, Path out, Scale scale, List<String> workloads,
    String commandLine) {}
