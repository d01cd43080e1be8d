import { checkDatabase } from "~/modules/db/database.server";

// Liveness and readiness for Fly: answers only after a real database round trip.
export function loader() {
  try {
    checkDatabase();
    return Response.json({ status: "ok" }, { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    console.error("[healthz]", error);
    return Response.json({ status: "error", error: "Database unavailable" }, { status: 503 });
  }
}
