package ma.technopark.sites;

/** planned → under construction → operational → suspended / closed. */
public enum SiteStatus {
    PLANNED,
    UNDER_CONSTRUCTION,
    OPERATIONAL,
    SUSPENDED,
    CLOSED
}
