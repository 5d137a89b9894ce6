package io.firebreak.app.api;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/**
 * {@code GET /}: the dashboard, a static page that reads the incidents API. Served by Jersey rather than an assets
 * servlet because the API owns the root path (its paths are fixed by DESIGN §4); only the three known files are served.
 */
@Path("/")
public final class DashboardResource {

    private static final Map<String, String> FILES = Map.of(
            "index.html", "text/html; charset=utf-8",
            "dashboard.js", "text/javascript; charset=utf-8",
            "dashboard.css", "text/css; charset=utf-8");

    @GET
    public Response index() {
        return file("index.html");
    }

    @GET
    @Path("dashboard/{file}")
    public Response asset(@PathParam("file") String name) {
        return FILES.containsKey(name) ? file(name) : ApiError.of(Response.Status.NOT_FOUND, "not found", "no dashboard file " + name);
    }

    private static Response file(String name) {
        try (InputStream in = DashboardResource.class.getResourceAsStream("/dashboard/" + name)) {
            if (in == null) {
                return ApiError.of(Response.Status.NOT_FOUND, "not found", "dashboard file " + name + " missing from the jar");
            }
            CacheControl noStore = new CacheControl();
            noStore.setNoStore(true);
            return Response.ok(in.readAllBytes(), FILES.get(name)).cacheControl(noStore)
                    .header("Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self'")
                    .header("X-Content-Type-Options", "nosniff").build();
        } catch (IOException e) {
            return ApiError.of(Response.Status.INTERNAL_SERVER_ERROR, "dashboard unavailable", e.getMessage());
        }
    }
}
