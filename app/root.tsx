import { useEffect } from "react";
import { Links, Meta, Outlet, Scripts, ScrollRestoration, data, isRouteErrorResponse, useLoaderData, useRouteError } from "react-router";
import { Toaster, toast as showToast } from "sonner";
import { requestMiddleware } from "~/modules/http/request.server";
import { readToast } from "~/modules/http/toast.server";
import { readTheme } from "~/modules/theme/theme.server";
import { useTheme } from "~/components/theme-switch";
import { ButtonLink } from "~/components/ui/button";
import type { Route } from "./+types/root";
import "./app.css";

export const middleware: Route.MiddlewareFunction[] = [requestMiddleware];

export async function loader({ request }: Route.LoaderArgs) {
  const { toast, headers } = await readToast(request);
  return data({ toast, theme: readTheme(request) }, { headers });
}

export function Layout({ children }: { children: React.ReactNode }) {
  const theme = useTheme();
  return (
    <html lang="en" className={`h-full ${theme === "system" ? "" : theme}`}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
        <Meta />
        <Links />
      </head>
      <body className="h-full bg-stone-50 text-stone-900 antialiased">
        {children}
        {/* Below the app's header (one row on wide screens, two on phones) and the chat's own header row under it,
            so a toast never covers the navigation or the chat's menus (a hovered toast stays until the pointer leaves). */}
        <Toaster
          position="top-right"
          offset={{ top: 128, right: 16 }}
          mobileOffset={{ top: 168, left: 12, right: 12 }}
          theme={theme}
          richColors
          closeButton
        />
        <ScrollRestoration />
        <Scripts />
      </body>
    </html>
  );
}

export default function App() {
  const { toast } = useLoaderData<typeof loader>();
  useEffect(() => {
    if (toast) showToast[toast.type](toast.message);
  }, [toast]);
  return <Outlet />;
}

export function ErrorBoundary() {
  const error = useRouteError();
  const notFound = isRouteErrorResponse(error) && error.status === 404;

  const title = notFound ? "Page not found" : isRouteErrorResponse(error) ? `Error ${error.status}` : "Something went wrong";
  const detail = notFound
    ? "There is nothing at this address. It may have moved, or never existed."
    : isRouteErrorResponse(error) && typeof error.data === "string" && error.data
      ? error.data
      : "An unexpected error happened on our side. Try again in a moment.";
  return (
    <main className="mx-auto flex min-h-full max-w-lg flex-col items-start justify-center gap-4 p-8">
      <title>{`${title} · Cairn`}</title>
      <p className="text-sm font-semibold text-brand-600">{notFound ? "404" : "Error"}</p>
      <h1 className="text-3xl font-semibold tracking-tight">{title}</h1>
      <p className="text-stone-600">{detail}</p>
      <ButtonLink to="/">Go to the home page</ButtonLink>
    </main>
  );
}
