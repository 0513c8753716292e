package ma.technopark.platform.export;

import jakarta.enterprise.context.RequestScoped;
import java.time.LocalDate;
import java.util.Set;
import java.util.TreeSet;
import ma.technopark.platform.problem.ApiException;
import ma.technopark.platform.security.Caller;
import ma.technopark.platform.security.Roles;

/** An export's filter: the period (whole history by default) and the sites the caller may export. */
@RequestScoped
public class ExportScope {
    private static final LocalDate EARLIEST = LocalDate.of(1900, 1, 1);
    private static final LocalDate LATEST = LocalDate.of(9999, 12, 31);

    /** {@code sites} is null for every site. */
    public record Filter(String[] sites, LocalDate from, LocalDate to) {
    }

    private final Caller caller;

    public ExportScope(Caller caller) {
        this.caller = caller;
    }

    /** For records whose access is already checked (e.g. a convention the caller is a party to): any site. */
    public Filter anySite(String siteCode, LocalDate from, LocalDate to) {
        return new Filter(siteCode == null || siteCode.isBlank() ? null : new String[] {siteCode}, start(from, to), end(to));
    }

    private static LocalDate start(LocalDate from, LocalDate to) {
        LocalDate start = from == null ? EARLIEST : from;
        if (end(to).isBefore(start)) {
            throw ApiException.invalid("to", "must be on or after from");
        }
        return start;
    }

    private static LocalDate end(LocalDate to) {
        return to == null ? LATEST : to;
    }

    /** Staff export every site; a site manager only the sites of their token. */
    public Filter filter(String siteCode, LocalDate from, LocalDate to) {
        LocalDate start = start(from, to);
        LocalDate end = end(to);
        boolean everywhere = caller.admin() || caller.is(Roles.PROGRAMME_MANAGER);
        Set<String> sites = new TreeSet<>();
        if (siteCode != null && !siteCode.isBlank()) {
            sites.add(siteCode);
        }
        if (!everywhere) {
            Set<String> own = caller.sites();
            if (sites.isEmpty()) {
                sites.addAll(own);
            } else if (!own.containsAll(sites)) {
                throw ApiException.forbidden("You manage other sites than " + siteCode);
            }
            if (sites.isEmpty()) {
                throw ApiException.forbidden("This token manages no site");
            }
        }
        return new Filter(sites.isEmpty() ? null : sites.toArray(String[]::new), start, end);
    }
}
