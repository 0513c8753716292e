package ma.technopark.sites.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "technopark.sites")
public interface SitesConfig {
    Targets targets();

    /** The network's coverage targets (10 cities and 7 regions by 2026). */
    interface Targets {
        @WithDefault("10")
        int cities();

        @WithDefault("7")
        int regions();

        @WithDefault("2026")
        int year();
    }
}
