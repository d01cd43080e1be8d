import { apiGuard } from "~/modules/http/api-guard.server";

// The layout route around every API route (/api/*, /v1/*): its middleware is
// the one guard they all pass (app/modules/http/api-guard.server.ts).
export const middleware = [apiGuard];
