package ma.technopark.sites;

public enum SiteKind {
    TECHNOPARK,
    PARTNER_SITE
}
