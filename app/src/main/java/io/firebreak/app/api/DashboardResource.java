package io.firebreak.app.api;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Properties;

/**
 * {@code GET /}: the dashboard, a static page that reads the incidents API. Served by Jersey rather than an assets
 * servlet because the API owns the root path (its paths are fixed by DESIGN §4); only the known files are served.
 */
@Path("/")
public final class DashboardResource {

    private static final Map<String, String> FILES = Map.of(
            "index.html", "text/html; charset=utf-8",
            "dashboard.js", "text/javascript; charset=utf-8",
            "dashboard.css", "text/css; charset=utf-8",
            "slos.js", "text/javascript; charset=utf-8",
            "actions.js", "text/javascript; charset=utf-8",
            "maintenance.js", "text/javascript; charset=utf-8",
            "views.css", "text/css; charset=utf-8");

    /** The charting library, from its webjar (org.webjars.npm:uplot): the only vendor files served. */
    private static final String UPLOT = "/META-INF/resources/webjars/uplot/" + webjarVersion("uplot") + "/dist/";
    private static final Map<String, String> VENDOR = Map.of(
            "uPlot.iife.min.js", "text/javascript; charset=utf-8",
            "uPlot.min.css", "text/css; charset=utf-8");

    @GET
    public Response index() {
        return file("index.html");
    }

    @GET
    @Path("dashboard/{file}")
    public Response asset(@PathParam("file") String name) {
        return FILES.containsKey(name) ? file(name) : ApiError.of(Response.Status.NOT_FOUND, "not found", "no dashboard file " + name);
    }

    @GET
    @Path("dashboard/vendor/{file}")
    public Response vendor(@PathParam("file") String name) {
        return VENDOR.containsKey(name) ? serve(UPLOT + name, VENDOR.get(name)) : ApiError.of(Response.Status.NOT_FOUND, "not found", "no vendor file " + name);
    }

    private static Response file(String name) {
        return serve("/dashboard/" + name, FILES.get(name));
    }

    /** The version the webjar on the class path carries, so upgrading it is a pom change only. */
    private static String webjarVersion(String artifact) {
        Properties properties = new Properties();
        try (InputStream in = DashboardResource.class.getResourceAsStream("/META-INF/maven/org.webjars.npm/" + artifact + "/pom.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            // reported as a missing file when the page asks for it
        }
        return properties.getProperty("version", "missing");
    }

    private static Response serve(String resource, String type) {
        String name = resource.substring(resource.lastIndexOf('/') + 1);
        try (InputStream in = DashboardResource.class.getResourceAsStream(resource)) {
            if (in == null) {
                return ApiError.of(Response.Status.NOT_FOUND, "not found", "dashboard file " + name + " missing from the jar");
            }
            CacheControl noStore = new CacheControl();
            noStore.setNoStore(true);
            return Response.ok(in.readAllBytes(), type).cacheControl(noStore)
                    .header("Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self'")
                    .header("X-Content-Type-Options", "nosniff").build();
        } catch (IOException e) {
            return ApiError.of(Response.Status.INTERNAL_SERVER_ERROR, "dashboard unavailable", e.getMessage());
        }
    }
}
