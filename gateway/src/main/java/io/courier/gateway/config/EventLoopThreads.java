package io.courier.gateway.config;

/**
 * One Reactor Netty event loop per core in each of its loop groups (the HTTP server's, and the one that
 * RSocket and R2DBC connections use), where Reactor Netty would start at least four. On two cores, four
 * loops each wake for fewer requests and all compete for the same cores: flat out, two loops took
 * 2,760-2,920 posts/s where four took 2,260-2,800 (medians 2,800 and 2,590), and at a steady 2,000 posts/s
 * they left the machine 88-92% busy instead of 92-97%. An operator's own {@code -Dreactor.netty.ioWorkerCount}
 * wins.
 */
public final class EventLoopThreads {

    static final String PROPERTY = "reactor.netty.ioWorkerCount";

    private EventLoopThreads() {
    }

    /** Before anything touches Reactor Netty: its default loop resources read the property once. */
    public static void onePerCore() {
        if (System.getProperty(PROPERTY) == null) {
            System.setProperty(PROPERTY, String.valueOf(Runtime.getRuntime().availableProcessors()));
        }
    }
}
