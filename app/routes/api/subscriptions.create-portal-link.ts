// The workspace-routes spec's name for POST /api/billing/portal: the same handler.
export { action, loader } from "./billing.portal";
