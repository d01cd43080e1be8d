import { checkDatabase } from "~/modules/db/database.server";
import { logError } from "~/modules/log/logger.server";

// Liveness and readiness for Fly: answers only after a real database round trip.
export function loader() {
  try {
    checkDatabase();
    return Response.json({ status: "ok" }, { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    logError(error, "healthz: the database did not answer");
    return Response.json({ status: "error", error: "Database unavailable" }, { status: 503 });
  }
}
