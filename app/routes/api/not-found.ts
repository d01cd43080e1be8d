import { errorResponse } from "~/modules/http/api.server";

// Unknown API paths answer the error shape, not an HTML page.
const notFound = () => errorResponse(404, "No such API route");
export const loader = notFound;
export const action = notFound;
