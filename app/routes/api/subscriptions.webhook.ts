// The workspace-routes spec's name for POST /api/webhooks/stripe: the same handler.
export { action, loader } from "./webhooks.stripe";
