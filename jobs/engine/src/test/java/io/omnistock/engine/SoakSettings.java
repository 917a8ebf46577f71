package io.omnistock.engine;

import java.time.Duration;

/**
 * How long and how hard a soak runs ({@link SoakRun}).
 *
 * @param duration how long records stream in (the checks come after)
 * @param recordsPerSecond the pace of the generated records (inventory, orders and quotes)
 * @param taskManagerKillEvery a task manager is killed (SIGKILL) and a new one started this often
 * @param brokerRestart whether the broker process is restarted once (at three quarters)
 * @param jobManagerFailover whether the cluster runs under high availability and its leading job
 *     manager is killed once (at a quarter), the standby taking over
 * @param rescaledParallelism the parallelism the job resumes at after its stop-with-savepoint (at
 *     half time); it starts at 2
 * @param seed the generated network's seed
 */
record SoakSettings(
        Duration duration,
        int recordsPerSecond,
        Duration taskManagerKillEvery,
        boolean brokerRestart,
        boolean jobManagerFailover,
        int rescaledParallelism,
        long seed) {

    /** The job's parallelism before the savepoint. */
    static final int PARALLELISM = 2;

    /**
     * The settings of system properties {@code omnistock.soak.minutes}, {@code omnistock.soak.rate}
     * (records/s), {@code omnistock.soak.kill-every-minutes}, {@code
     * omnistock.soak.broker-restart}, {@code omnistock.soak.job-manager-failover}, {@code
     * omnistock.soak.rescale-to} and {@code omnistock.soak.seed}, each over its value in {@code
     * defaults}.
     */
    static SoakSettings fromSystemProperties(SoakSettings defaults) {
        return new SoakSettings(
                Duration.ofSeconds(
                        Math.round(
                                60
                                        * Double.parseDouble(
                                                System.getProperty(
                                                        "omnistock.soak.minutes",
                                                        Double.toString(
                                                                defaults.duration().toSeconds()
                                                                        / 60.0))))),
                (int)
                        Math.round(
                                Double.parseDouble(
                                        System.getProperty(
                                                "omnistock.soak.rate",
                                                Integer.toString(defaults.recordsPerSecond())))),
                Duration.ofSeconds(
                        Math.round(
                                60
                                        * Double.parseDouble(
                                                System.getProperty(
                                                        "omnistock.soak.kill-every-minutes",
                                                        Double.toString(
                                                                defaults.taskManagerKillEvery()
                                                                                .toSeconds()
                                                                        / 60.0))))),
                Boolean.parseBoolean(
                        System.getProperty(
                                "omnistock.soak.broker-restart",
                                Boolean.toString(defaults.brokerRestart()))),
                Boolean.parseBoolean(
                        System.getProperty(
                                "omnistock.soak.job-manager-failover",
                                Boolean.toString(defaults.jobManagerFailover()))),
                (int)
                        Math.round(
                                Double.parseDouble(
                                        System.getProperty(
                                                "omnistock.soak.rescale-to",
                                                Integer.toString(defaults.rescaledParallelism())))),
                Long.getLong("omnistock.soak.seed", defaults.seed()));
    }

    long records() {
        return duration.toSeconds() * recordsPerSecond;
    }
}
