package ma.technopark.platform.paging;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/** HTTP side of pagination: the body plus a {@code Link: <...>; rel="next"} header. */
public final class Paging {
    private Paging() {
    }

    public static Response ok(Page<?> page, UriInfo uri) {
        Response.ResponseBuilder response = Response.ok(page);
        if (page.next() != null) {
            String next = uri.getRequestUriBuilder().replaceQueryParam("cursor", page.next()).build().toString();
            response.header("Link", "<" + next + ">; rel=\"next\"");
        }
        return response.build();
    }
}
