package io.courier.benchmark;

import java.time.Duration;
import java.util.List;

/** One measured situation; returns the lines to print. */
interface Scenario {

    List<String> run(CourierApi api, Duration warmup, Duration duration) throws Exception;
}
