package io.chatserver.loadtest.scenario;

import io.chatserver.loadtest.Options;
import io.chatserver.loadtest.report.RunResult;

/** One named load scenario: reads its options (refusing bad ones before it starts), runs, reports. */
public interface Scenario {

    String name();

    RunResult run(Options options, Environment environment);
}
