package no.rusvarsel.infra;

/** The one Kafka broker and PostgreSQL server of a test JVM, started on first use and stopped when the JVM exits. */
public final class SharedInfra {

    private static volatile Infra instance;

    private SharedInfra() {
    }

    public static Infra get() {
        var infra = instance;
        if (infra == null) {
            synchronized (SharedInfra.class) {
                infra = instance;
                if (infra == null) {
                    infra = Infra.startForTests();
                    var started = infra;
                    Runtime.getRuntime().addShutdownHook(new Thread(started::close, "shared-infra-stop"));
                    instance = infra;
                }
            }
        }
        return infra;
    }
}
