import { openAiErrorResponse } from "~/modules/http/openai-errors.server";

// Unknown paths of the OpenAI-compatible API answer in OpenAI's error shape.
const notFound = () => openAiErrorResponse(404, "Unknown API route", { code: "unknown_url" });
export const loader = notFound;
export const action = notFound;
