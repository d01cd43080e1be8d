import { type RouteConfig, index, layout, prefix, route } from "@react-router/dev/routes";

export default [
  index("routes/home.tsx"),
  route("healthz", "routes/healthz.ts"),
  route("pricing", "routes/pricing.tsx"),

  // Accounts
  route("signup", "routes/auth/signup.tsx"),
  route("login", "routes/auth/login.tsx"),
  route("logout", "routes/auth/logout.ts"),
  route("activate", "routes/auth/activate.tsx"),
  route("resend-activation", "routes/auth/resend-activation.tsx"),
  route("forgot-password", "routes/auth/forgot-password.tsx"),
  route("reset-password", "routes/auth/reset-password.tsx"),

  // The signed-in app
  layout("routes/app/layout.tsx", [
    route("app", "routes/app/index.ts"),
    route("workspaces", "routes/app/workspaces.tsx"),
    route("w/:workspaceId", "routes/app/workspace.tsx"),
    route("w/:workspaceId/settings", "routes/app/workspace-settings.tsx"),
    route("w/:workspaceId/billing", "routes/app/billing.tsx"),
    route("admin", "routes/admin/index.tsx"),
    route("admin/workspaces/:workspaceId", "routes/admin/workspace.tsx"),
    route("w/:workspaceId/chats/:chatId?", "routes/app/chats.tsx"),
  ]),
  route("share/:chatId", "routes/share.tsx"),

  // HTTP API (../shared/spec)
  ...prefix("api", [
    route("auth/register", "routes/api/auth.register.ts"),
    route("auth/activate-user", "routes/api/auth.activate-user.ts"),
    route("auth/resend-activation", "routes/api/auth.resend-activation.ts"),
    route("auth/reset-password", "routes/api/auth.reset-password.ts"),
    route("auth/password-reset-confirm", "routes/api/auth.password-reset-confirm.ts"),
    route("auth/login", "routes/api/auth.login.ts"),
    route("auth/logout", "routes/api/auth.logout.ts"),
    route("auth/session", "routes/api/auth.session.ts"),
    route("workspaces", "routes/api/workspaces.ts"),
    route("workspaces/:workspaceId", "routes/api/workspaces.id.ts"),
    route("chat", "routes/api/chat.ts"),
    route("models", "routes/api/models.ts"),
    route("share/:chatId", "routes/api/share.id.ts"),
    route("billing/credit-history", "routes/api/billing.credit-history.ts"),
    route("billing/portal", "routes/api/billing.portal.ts"),
    route("billing/invoices", "routes/api/billing.invoices.ts"),
    route("subscriptions/pricing", "routes/api/subscriptions.pricing.ts"),
    route("subscriptions/checkout", "routes/api/subscriptions.checkout.ts"),
    route("subscriptions/create-portal-link", "routes/api/subscriptions.create-portal-link.ts"),
    route("subscriptions/webhook", "routes/api/subscriptions.webhook.ts"),
    route("webhooks/stripe", "routes/api/webhooks.stripe.ts"),
    route("cron/reset-credits", "routes/api/cron.reset-credits.ts"),
    route("workspaces/:workspaceId/chats", "routes/api/workspaces.id.chats.ts"),
    route("workspaces/:workspaceId/chats/:chatId", "routes/api/workspaces.id.chats.id.ts"),
    route("workspaces/:workspaceId/chats/:chatId/messages", "routes/api/workspaces.id.chats.id.messages.ts"),
    route(
      "workspaces/:workspaceId/chats/:chatId/messages/regenerate",
      "routes/api/workspaces.id.chats.id.messages.regenerate.ts",
    ),
    route("workspaces/:workspaceId/chats/:chatId/toggle-public", "routes/api/workspaces.id.chats.id.toggle-public.ts"),
    route("workspaces/:workspaceId/chats/:chatId/invite-user", "routes/api/workspaces.id.chats.id.invite-user.ts"),
    route("*", "routes/api/not-found.ts"),
  ]),

  route("*", "routes/not-found.tsx"),
] satisfies RouteConfig;
