package ma.technopark.sites.rest;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "NetworkCoverage", description = "Cities and regions with an operational site, against the network's targets")
public record CoverageView(
        Targets targets,
        @Schema(description = "Cities and regions with at least one operational site today") Reach operational,
        @Schema(description = "The same once every planned or under-construction site opens") Reach includingPlanned,
        @Schema(description = "What remains to reach the targets today") Gap gapToday,
        @Schema(description = "What remains once the planned sites open") Gap gapIncludingPlanned,
        List<PlannedSite> plannedSites) {

    public record Targets(@Schema(example = "10") int cities, @Schema(example = "7") int regions, @Schema(example = "2026") int year) {
    }

    public record Reach(int cityCount, int regionCount, int siteCount, List<String> cities, List<String> regions) {
    }

    public record Gap(@Schema(example = "2") int cities, @Schema(example = "0") int regions) {
    }

    @Schema(name = "PlannedSite")
    public record PlannedSite(String code, String name, String city, String region, String status,
            @Schema(example = "2024-2025") String expectedOpening) {
    }
}
