package ma.technopark.startups.rest;

import java.time.OffsetDateTime;
import java.util.UUID;
import ma.technopark.platform.types.Money;
import ma.technopark.startups.KpiReport;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "KpiReport")
public record KpiReportView(UUID id, UUID startupId, int year, int quarter, Money revenue, int employees, Money fundsRaised,
        int customers, OffsetDateTime createdAt, OffsetDateTime updatedAt, long version) {

    public static KpiReportView of(KpiReport k) {
        return new KpiReportView(k.id, k.startupId, k.year, k.quarter, Money.mad(k.revenueMad), k.employees,
                Money.mad(k.fundsRaisedMad), k.customers, k.createdAt, k.updatedAt, k.version);
    }
}
