package ma.technopark.platform;

import java.util.function.Supplier;

/**
 * A value made when first asked for, once, for every thread: for what a bean would otherwise make while the
 * application starts and its first request waits (a JDK {@code HttpClient} loads the TLS stack and the trust store
 * when it is built).
 */
public final class Lazy<T> implements Supplier<T> {
    private final Supplier<T> make;
    private volatile T value;

    private Lazy(Supplier<T> make) {
        this.make = make;
    }

    public static <T> Lazy<T> of(Supplier<T> make) {
        return new Lazy<>(make);
    }

    @Override
    public T get() {
        T made = value;
        if (made == null) {
            synchronized (this) {
                made = value;
                if (made == null) {
                    made = make.get();
                    value = made;
                }
            }
        }
        return made;
    }
}
